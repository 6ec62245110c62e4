namespace Broker.Silo.Hosting;

/// <summary>The one PostgreSQL database behind Orleans and the broker's own tables.</summary>
public sealed class StorageOptions
{
    public const string ConnectionStringName = "Broker";

    public string ConnectionString { get; set; } = "";

    /// <summary>Apply missing migrations at start (default). Off only where a DBA applies <c>infra/sql</c> by hand.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How long a starting process waits for PostgreSQL to answer before it gives up (the orchestrator then restarts
    /// it). Long enough for a database failover or a busy node; <c>Broker:Storage:StartupWait</c>.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromMinutes(2);
}
