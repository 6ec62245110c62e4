namespace Broker.Silo.Hosting;

/// <summary>The one PostgreSQL database behind Orleans and the broker's own tables.</summary>
public sealed class StorageOptions
{
    public const string ConnectionStringName = "Broker";

    public string ConnectionString { get; set; } = "";

    /// <summary>Apply missing migrations at start (default). Off only where a DBA applies <c>infra/sql</c> by hand.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How many of the broker's statements each pooled connection keeps prepared (Npgsql automatic preparation; 0 turns
    /// it off). The hot path runs the same dozen statements for every order, and re-parsing and re-planning them was
    /// about a fifth of PostgreSQL's CPU in the provisioning benchmark. A <c>Max Auto Prepare</c> in the connection
    /// string itself wins.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;
}
