using System.Security.Cryptography.X509Certificates;
using Broker.Silo.Hosting;
using Broker.TestSupport.Hosting;

namespace Broker.Silo.Tests.Hosting;

/// <summary>Who the cluster's TLS admits: a certificate the cluster CA signed, and nothing else.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly ClusterCertificates _cluster = ClusterCertificates.CreateAuthority("broker-cluster-ca");
    private readonly ClusterCertificates _other = ClusterCertificates.CreateAuthority("another-ca");

    [Fact]
    public void A_certificate_signed_by_the_cluster_ca_is_trusted()
    {
        using var silo = _cluster.Issue("silo-0");
        Assert.True(ClusterTls.Trusts(silo, null, [_cluster.Authority]));
    }

    [Fact]
    public void A_certificate_from_another_ca_is_refused()
    {
        using var stranger = _other.Issue("silo-0");
        Assert.False(ClusterTls.Trusts(stranger, null, [_cluster.Authority]));
    }

    [Fact]
    public void A_self_signed_certificate_is_refused_even_with_the_same_name()
    {
        using var self = X509CertificateLoader.LoadCertificate(_other.Authority.Export(X509ContentType.Cert));
        Assert.False(ClusterTls.Trusts(self, null, [_cluster.Authority]));
    }

    [Fact]
    public void An_expired_certificate_of_the_cluster_ca_is_refused()
    {
        using var silo = _cluster.Issue("silo-0", notAfter: DateTimeOffset.UtcNow.AddDays(1));
        Assert.False(ClusterTls.Trusts(silo, null, [_cluster.Authority], at: DateTimeOffset.UtcNow.AddDays(2)));
    }

    [Fact]
    public void During_a_ca_rotation_certificates_of_either_ca_in_ca_crt_are_trusted()
    {
        using var old = _cluster.Issue("silo-0");
        using var renewed = _other.Issue("silo-1");
        Assert.True(ClusterTls.Trusts(old, null, [_cluster.Authority, _other.Authority]));
        Assert.True(ClusterTls.Trusts(renewed, null, [_cluster.Authority, _other.Authority]));
    }

    [Fact]
    public void Loading_reads_the_certificate_with_its_key_and_the_ca_from_the_directory()
    {
        var tls = ClusterTls.Load(_cluster.WriteDirectory("silo-0"));
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(_cluster.Authority.Thumbprint, Assert.Single(tls.Authorities).Thumbprint);
        Assert.True(ClusterTls.Trusts(tls.Certificate, null, tls.Authorities));
    }

    [Fact]
    public void Loading_from_a_directory_without_the_key_stops_the_start_naming_the_file()
    {
        var directory = _cluster.WriteDirectory("silo-0");
        File.Delete(Path.Combine(directory, "tls.key"));
        var refused = Assert.Throws<InvalidOperationException>(() => ClusterTls.Load(directory));
        Assert.Contains("tls.key", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Broker:Orleans:Tls:Directory", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_validator_names_every_missing_file()
    {
        var directory = _cluster.WriteDirectory("silo-0");
        File.Delete(Path.Combine(directory, "tls.crt"));
        File.Delete(Path.Combine(directory, "ca.crt"));
        var result = new BrokerOptionsValidator().Validate(null, new BrokerOrleansOptions { Tls = new ClusterTlsOptions { Directory = directory } });
        Assert.True(result.Failed);
        Assert.Contains("tls.crt, ca.crt", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _other.Dispose();
    }
}
