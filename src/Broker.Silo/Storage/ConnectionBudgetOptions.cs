namespace Broker.Silo.Storage;

/// <summary>
/// How many PostgreSQL connections one broker process may hold, split by pool, bound from
/// <c>Broker:Storage:Connections</c>. Every pool the process opens is capped here, so <see cref="Processes"/> times
/// their sum stays below the server's <c>max_connections</c> minus <see cref="Reserve"/>, and a burst of requests waits
/// for a pooled connection (up to <see cref="AcquireTimeout"/>) instead of the server refusing new sessions.
/// </summary>
public sealed class ConnectionBudgetOptions
{
    public const string SectionName = "Broker:Storage:Connections";

    /// <summary>The server's <c>max_connections</c> (PostgreSQL's default is 100).</summary>
    public int ServerMaxConnections { get; set; } = 100;

    /// <summary>Connections left for everything else: superuser slots, psql, backups, monitoring, migrations by hand.</summary>
    public int Reserve { get; set; } = 20;

    /// <summary>Broker processes sharing the server (API and silo processes of one deployment); each has these pools.</summary>
    public int Processes { get; set; } = 1;

    /// <summary>The broker's own data source: journals, directories, statements, idempotency keys, health.</summary>
    public int Broker { get; set; } = 40;

    /// <summary>The Orleans ADO.NET providers together (clustering, grain state, reminders share one pool).</summary>
    public int Orleans { get; set; } = 12;

    /// <summary>
    /// The shared PostgreSQL provisioner's admin pool (counted against the same server: in <c>./run.sh</c> it is
    /// the same server; elsewhere the budget is merely conservative). Used only when that provisioner is configured.
    /// </summary>
    public int SharedPostgres { get; set; } = 4;

    /// <summary>How long a request waits for a pooled connection before it fails (Npgsql's <c>Timeout</c>, 1 to 1024 s).</summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections one process may hold at once.</summary>
    public int PerProcess => Broker + Orleans + SharedPostgres;
}
