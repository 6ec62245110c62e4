namespace Broker.Silo.Hosting;

/// <summary>The one PostgreSQL database behind Orleans and the broker's own tables.</summary>
public sealed class StorageOptions
{
    public const string ConnectionStringName = "Broker";

    public string ConnectionString { get; set; } = "";

    /// <summary>Apply missing migrations at start (default). Off only where a DBA applies <c>infra/sql</c> by hand.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
