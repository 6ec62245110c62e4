namespace Broker.Silo.Resources;

/// <summary>Which backend new resources go to, where more than one could build them.</summary>
public sealed class BackendRoutingOptions
{
    public const string SectionName = "Broker:Provisioning";

    public const string Kubernetes = "kubernetes";
    public const string SharedPostgres = "shared-postgres";

    /// <summary>
    /// <c>kubernetes</c> or <c>shared-postgres</c> for new databases; empty for the default: the shared PostgreSQL service
    /// when it is configured, else Kubernetes when it is configured, else the simulated machine room.
    /// </summary>
    public string? Databases { get; set; }
}
