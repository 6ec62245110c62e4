using System.Security.Cryptography;
using Broker.Provisioners.Contract;
using Broker.Provisioners.SharedPostgres;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Provisioners.Tests.SharedPostgres;

/// <summary>
/// A PostgreSQL cluster of our own that checks passwords. The shared test server trusts every loopback connection,
/// which would make "the old password no longer works" or "another department cannot log in" pass vacuously. This
/// starts a throwaway cluster (local binaries), gives the superuser a password, creates the broker's admin role with
/// only CREATEDB and CREATEROLE (the privileges the docs ask the platform for), sets the server up for least privilege
/// with infra/postgres/shared-service.sql exactly as <c>./run.sh</c> does (with <see cref="BrokerDatabase"/> standing in
/// for the broker's own database), then replaces pg_hba.conf with scram-sha-256 for every TCP connection and reloads,
/// and waits until a password-less login is refused.
/// </summary>
public sealed class PasswordPostgres : IAsyncLifetime
{
    public const string AdminRole = "broker_admin";

    /// <summary>A database standing for the broker's own on the same server: no tenant may enter it.</summary>
    public const string BrokerDatabase = "broker_own";

    private static readonly TimeSpan ReloadDeadline = TimeSpan.FromSeconds(30);

    private ThrowawayPostgresCluster? cluster;

    /// <summary>The superuser, with its password; for inspecting and tampering behind the provisioner's back.</summary>
    public string SuperuserConnectionString { get; private set; } = string.Empty;

    /// <summary>The non-superuser admin role the provisioner runs as.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    public int Port => cluster?.Port ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        cluster = await PostgresServer.StartThrowawayAsync(durable: false);
        var superuserPassword = Secret();
        var adminPassword = Secret();
        string hbaFile;
        await using (var trusted = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            await trusted.OpenAsync();
            await Execute(trusted, $"ALTER ROLE postgres PASSWORD '{superuserPassword}'");
            await Execute(trusted, $"CREATE ROLE {AdminRole} LOGIN CREATEDB CREATEROLE PASSWORD '{adminPassword}'");
            await Execute(trusted, $"CREATE DATABASE {BrokerDatabase}");
            await Execute(trusted, $"select set_config('broker.admin_role', '{AdminRole}', false), set_config('broker.protected_databases', '{BrokerDatabase}', false)");
            await Execute(trusted, Broker.TestSupport.RepositoryFiles.Read("infra", "postgres", "shared-service.sql"));
            hbaFile = await Scalar<string>(trusted, "SHOW hba_file");
        }

        // Rewritten in place, so the file keeps its owner (postgres) and mode.
        await File.WriteAllTextAsync(hbaFile, "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
        var builder = new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Password = superuserPassword, Pooling = false };
        SuperuserConnectionString = builder.ConnectionString;
        await using (var superuser = new NpgsqlConnection(SuperuserConnectionString))
        {
            await superuser.OpenAsync();
            Assert.Equal(0L, await Scalar<long>(superuser, "select count(*) from pg_hba_file_rules where error is not null"));
            await Execute(superuser, "select pg_reload_conf()");
        }

        AdminConnectionString = new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString)
        {
            Username = AdminRole,
            Password = adminPassword,
        }.ConnectionString;
        await WaitUntilPasswordsAreRequiredAsync(cluster.AdminConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    public SharedPostgresProvisioner Provisioner(
        ILoggerProvider? logs = null, string prefix = "brk_", string? adminConnectionString = null, TimeSpan? statementTimeout = null, int? tempFileLimitMib = null)
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(logs ?? NullLoggerProvider.Instance));
        return new SharedPostgresProvisioner(
            Options.Create(new SharedPostgresOptions
            {
                AdminConnectionString = adminConnectionString ?? AdminConnectionString,
                AdvertisedHost = "127.0.0.1",
                AdvertisedPort = Port,
                NamePrefix = prefix,
                StatementTimeout = statementTimeout ?? new SharedPostgresOptions().StatementTimeout,
                TempFileLimitMib = tempFileLimitMib ?? new SharedPostgresOptions().TempFileLimitMib,
            }),
            factory.CreateLogger<SharedPostgresProvisioner>());
    }

    /// <summary>A database resource with a fresh id, so tests sharing the cluster never meet.</summary>
    public static DesiredResource Database(string department = "housing-fund", string databaseName = "portal", int connectionLimit = 20, string? id = null) =>
        new(id ?? NewId(), WorkloadKind.Database, department, "hf-portal", "pg-shared", 1, "silver", "extranet", 1, 2, 10, true,
            DatabaseName: databaseName, EngineVersion: "15", ConnectionLimit: connectionLimit);

    public static string NewId() => $"o{Guid.NewGuid():N}"[..16] + "-1";

    /// <summary>An unpooled connection, so every open really authenticates (a pooled one could reuse an old session).</summary>
    public static NpgsqlConnection Connect(DatabaseCredentials credentials) =>
        new(new NpgsqlConnectionStringBuilder
        {
            Host = credentials.Host,
            Port = credentials.Port,
            Database = credentials.Database,
            Username = credentials.Username,
            Password = credentials.Password,
            Pooling = false,
        }.ConnectionString);

    public async Task<T> SuperuserScalar<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        return await Scalar<T>(connection, sql, parameters);
    }

    public async Task SuperuserExecute(string sql, string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(SuperuserConnectionString);
        if (database is not null)
        {
            builder.Database = database;
        }

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, sql);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // Test-only secrets: letters and digits, so they need no quoting in the statements above.
    private static string Secret() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    // The postmaster rereads pg_hba.conf asynchronously after pg_reload_conf(); retry until a login without password fails.
    private static async Task WaitUntilPasswordsAreRequiredAsync(string passwordless)
    {
        var noPool = new NpgsqlConnectionStringBuilder(passwordless) { Pooling = false }.ConnectionString;
        await Eventually(
            async () =>
            {
                try
                {
                    await using var connection = new NpgsqlConnection(noPool);
                    await connection.OpenAsync();
                    return false;
                }
                catch (NpgsqlException)
                {
                    return true; // refused: pg_hba.conf with scram-sha-256 is in force
                }
            },
            ReloadDeadline);
    }
}
