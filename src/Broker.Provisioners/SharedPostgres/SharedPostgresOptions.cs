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
}
