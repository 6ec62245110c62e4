using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Broker.TestSupport.Postgres;

/// <summary>
/// The PostgreSQL server shared by all tests of a process, started on first use. Tests get
/// isolation from <see cref="CreateDatabaseAsync"/> (one fresh database each), not from servers.
/// The server is chosen in this order:
/// <list type="number">
/// <item><c>BROKER_TEST_POSTGRES</c>: connection string of an existing server (superuser, or a role
/// allowed to create databases).</item>
/// <item>Testcontainers, when <c>BROKER_TEST_DOCKER=1</c> and a Docker engine answers; image from
/// <c>BROKER_TEST_POSTGRES_IMAGE</c> (default <c>postgres:15</c>).</item>
/// <item>A <see cref="ThrowawayPostgresCluster"/> from the local PostgreSQL binaries (see
/// <c>scripts/local-postgres.sh ensure</c>).</item>
/// </list>
/// </summary>
public sealed class PostgresServer
{
    private const string DefaultImage = "postgres:15";

    private static readonly Lazy<Task<PostgresServer>> Shared =
        new(() => Task.Run(StartSharedAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString, string mode)
    {
        AdminConnectionString = adminConnectionString;
        Mode = mode;
    }

    /// <summary>Connection string of a role that may create databases, for the server's default database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server comes from, for logs (e.g. "local cluster, PostgreSQL binaries in ...").</summary>
    public string Mode { get; }

    /// <summary>
    /// The shared server, started by the first caller; later and concurrent callers get the same
    /// instance (or the same startup failure).
    /// </summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>
    /// Starts a separate throwaway cluster that the caller owns and must dispose (e.g. for benchmarks).
    /// <paramref name="durable"/> keeps fsync, synchronous_commit and full_page_writes on, so timings
    /// resemble production; otherwise it is tuned for speed like the shared test server.
    /// Always uses the local binaries, whatever the environment variables say.
    /// </summary>
    public static Task<ThrowawayPostgresCluster> StartThrowawayAsync(bool durable, CancellationToken cancellationToken = default) =>
        ThrowawayPostgresCluster.StartAsync(durable, cancellationToken);

    /// <summary>
    /// Creates an empty database named after <paramref name="prefix"/> plus a unique suffix and
    /// returns its connection string (error details on, bounded pool).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = UniqueDatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
            // Every test database gets its own pool; keep each small so that many test classes
            // running side by side stay under the server's max_connections (300 when we start it).
            MaxPoolSize = 30,
        }.ConnectionString;
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, disconnecting its remaining
    /// sessions (PostgreSQL 13 or later). Does nothing if it no longer exists.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BROKER_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new PostgresServer(fromEnvironment, "existing server from BROKER_TEST_POSTGRES");
        }

        if (Environment.GetEnvironmentVariable("BROKER_TEST_DOCKER") == "1")
        {
            var fromDocker = await TryStartContainerAsync();
            if (fromDocker is not null)
            {
                return fromDocker;
            }
        }

        // Owned by the process: ThrowawayPostgresCluster stops and deletes itself at exit.
        var cluster = await ThrowawayPostgresCluster.StartAsync(durable: false, CancellationToken.None);
        return new PostgresServer(
            cluster.AdminConnectionString,
            $"local cluster on 127.0.0.1:{cluster.Port}, binaries in {cluster.BinDirectory}, data in {cluster.ClusterDirectory}");
    }

    // Returns null when no Docker engine answers. Once one does, failures (e.g. the image cannot
    // be pulled) are thrown: BROKER_TEST_DOCKER=1 asked for Docker explicitly.
    private static async Task<PostgresServer?> TryStartContainerAsync()
    {
        // Testcontainers reads these when its settings are first touched, so set them before that,
        // without overriding what the user exported:
        // - DOCKER_API_VERSION=1.41 pins the Docker Engine API version the client speaks, so engines
        //   that reject the client's newer default still work (export another value if yours needs it).
        // - TESTCONTAINERS_RYUK_DISABLED=true skips Ryuk, the reaper container that deletes test
        //   containers when the process dies: it is one more image to pull and needs the Docker socket
        //   mounted into a container. Instead ExitCleanup removes the container when the process ends; a crashed run can
        //   leave it behind (find it with `docker ps --filter label=org.testcontainers=true`).
        SetIfUnset("DOCKER_API_VERSION", "1.41");
        SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");

        var image = Environment.GetEnvironmentVariable("BROKER_TEST_POSTGRES_IMAGE") is { Length: > 0 } configured
            ? configured
            : DefaultImage;
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder(image)
                .WithCommand(
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off",
                    "-c", "max_connections=300")
                .Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }

        await container.StartAsync();
        ExitCleanup.Register(container, () => container.DisposeAsync().AsTask());
        return new PostgresServer(container.GetConnectionString(), $"Testcontainers, image {image}");
    }

    private static void SetIfUnset(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }

    // Lower-case letters, digits and underscores from the prefix, then 32 hex digits: at most
    // 63 characters (PostgreSQL's identifier limit) and never colliding between tests or processes.
    private static string UniqueDatabaseName(string prefix)
    {
        var cleaned = new string([
            .. prefix.ToLowerInvariant()
                .Select(character => char.IsAsciiLetterOrDigit(character) ? character : '_')
                .Take(30),
        ]);
        return $"{(cleaned.Length == 0 ? "db" : cleaned)}_{Guid.NewGuid():N}";
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
