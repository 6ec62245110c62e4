namespace Broker.Provisioners.SharedPostgres;

/// <summary>The shared PostgreSQL server run by the platform, on which departments get their own databases.</summary>
public sealed class SharedPostgresOptions
{
    public const string SectionName = "Broker:Provisioning:SharedPostgres";

    /// <summary>
    /// Connection string of the broker's administrative role (CREATEDB and CREATEROLE, INHERIT; a superuser works but is
    /// not needed), to a maintenance database such as <c>postgres</c>. Holds a password: keep it out of files in the
    /// repository and out of logs.
    /// </summary>
    public string AdminConnectionString { get; set; } = string.Empty;

    /// <summary>The host name departments connect to (the server's address on the government network, not the admin one).</summary>
    public string AdvertisedHost { get; set; } = string.Empty;

    /// <summary>The port departments connect to.</summary>
    public int AdvertisedPort { get; set; } = 5432;

    /// <summary>
    /// Starts the name of every role and database the broker creates, so that they stand apart from the platform's own
    /// (and from a second broker's) on the same server.
    /// </summary>
    public string NamePrefix { get; set; } = "brk_";

    /// <summary>
    /// Default <c>statement_timeout</c> of every tenant role: a runaway query is cancelled after this long. A session may
    /// still change it (PostgreSQL lets any user set it), so it guards against accidents, not a determined tenant; the
    /// connection limit and <see cref="TempFileLimitMib"/> are what a tenant cannot lift.
    /// </summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>temp_file_limit</c> of every tenant role, in MiB: the most temporary disk one session may use for sorts and
    /// hashes. Only a superuser can lift it, and setting it needs the admin role to hold <c>SET</c> on the parameter
    /// (<c>GRANT SET ON PARAMETER temp_file_limit TO</c> the admin role, PostgreSQL 15+; docs/provisioning-shared-postgres.md).
    /// </summary>
    public int TempFileLimitMib { get; set; } = 10 * 1024;

    /// <summary>The role settings every tenant role carries, as <c>pg_db_role_setting</c> stores them (numbers in the parameters' base units).</summary>
    internal IReadOnlyList<(string Name, string Value)> TenantRoleSettings =>
    [
        ("statement_timeout", ((long)StatementTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("temp_file_limit", (TempFileLimitMib * 1024L).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
