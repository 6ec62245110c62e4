using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Broker.Silo.Hosting;

/// <summary>
/// Mutual TLS on every Orleans connection: silo to silo, and API client to gateway. Each side shows a certificate and
/// accepts the other's only when it chains to the cluster's own CA (<c>ca.crt</c>), never to the system's trust store:
/// a certificate from a public CA, or from another cluster's, opens nothing. Names are not checked (silos are reached
/// by pod IPs that change at every restart); holding a key the cluster CA signed is what admits a process.
/// </summary>
public sealed class ClusterTls
{
    private const string Option = $"{BrokerOrleansOptions.SectionName}:Tls:Directory";

    private ClusterTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The only trust anchors: the cluster CA (two during a CA rotation).</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads <c>tls.crt</c>, <c>tls.key</c> and <c>ca.crt</c> from <paramref name="directory"/>; a missing or unreadable file stops the start, naming it.</summary>
    public static ClusterTls Load(string directory)
    {
        var certificateFile = Require(directory, ClusterTlsOptions.CertificateFile);
        var keyFile = Require(directory, ClusterTlsOptions.KeyFile);
        var authorityFile = Require(directory, ClusterTlsOptions.AuthorityFile);
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(authorityFile);
            if (authorities.Count == 0)
            {
                throw new InvalidOperationException($"{authorityFile} holds no certificate.");
            }

            return new ClusterTls(certificate, authorities);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException($"{Option}: the certificate, key or CA in '{directory}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// True when <paramref name="remote"/> chains to one of <paramref name="authorities"/> and to nothing else, using
    /// the intermediates the peer presented (<paramref name="presented"/>) but no system root.
    /// </summary>
    public static bool Trusts(X509Certificate2 remote, X509Chain? presented, X509Certificate2Collection authorities, DateTimeOffset? at = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private CA publishes no revocation list; a compromised key is handled by rotating the CA (docs/cluster.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (at is { } time)
        {
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        }

        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (!element.Certificate.Equals(remote))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        return chain.Build(remote);
    }

    /// <summary>The settings both ends use: show our certificate, require the peer's, accept only the cluster CA's.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false;
        // Replaces the system's verdict (which knows neither our CA nor pod IPs as names) with ours, in full.
        options.RemoteCertificateValidation = (certificate, chain, _) => Trusts(certificate, chain, Authorities);
    }

    private static string Require(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{Option} is '{directory}', which has no {file}.");
    }
}
