using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Broker.TestSupport.Hosting;

/// <summary>
/// A cluster CA made in the test, and directories laid out as <c>Broker:Orleans:Tls:Directory</c> expects
/// (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>, PEM), as <c>scripts/cluster-certs.sh</c> makes them with openssl.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    private readonly List<string> _directories = [];

    private ClusterCertificates(X509Certificate2 authority) => Authority = authority;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    public static ClusterCertificates CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new ClusterCertificates(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30)));
    }

    /// <summary>A certificate for <paramref name="name"/> signed by this CA, valid for server and client authentication.</summary>
    public X509Certificate2 Issue(string name, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = request.Create(Authority, now.AddMinutes(-5), notAfter ?? now.AddDays(7), serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A fresh directory holding a certificate for <paramref name="name"/> from this CA, its key, and <c>ca.crt</c>.</summary>
    public string WriteDirectory(string name) => WriteDirectory(Issue(name), Authority);

    /// <summary>A fresh directory holding <paramref name="certificate"/>, its key, and <paramref name="trusted"/> as <c>ca.crt</c>.</summary>
    public string WriteDirectory(X509Certificate2 certificate, X509Certificate2 trusted)
    {
        var directory = Directory.CreateTempSubdirectory("broker-tls-").FullName;
        _directories.Add(directory);
        File.WriteAllText(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "ca.crt"), trusted.ExportCertificatePem());
        return directory;
    }

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }

        Authority.Dispose();
    }
}
