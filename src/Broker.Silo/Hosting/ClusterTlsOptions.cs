namespace Broker.Silo.Hosting;

/// <summary>Where the cluster's certificate lives: a directory (a mounted Kubernetes TLS Secret plus the CA) or none.</summary>
public sealed class ClusterTlsOptions
{
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";
    public const string AuthorityFile = "ca.crt";

    /// <summary>
    /// Holds <c>tls.crt</c> (this process's certificate, PEM, intermediates after it), <c>tls.key</c> (its PEM private
    /// key) and <c>ca.crt</c> (the cluster's own CA certificates, the only ones trusted). Empty: plain TCP.
    /// </summary>
    public string? Directory { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Directory);
}
