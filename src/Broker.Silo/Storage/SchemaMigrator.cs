using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// Applies the SQL scripts embedded from <c>infra/sql</c> (Orleans' tables first, then the broker's) that a database
/// lacks, each in its own transaction, and records them. An advisory lock keeps two silos starting together from
/// racing; a changed script that was already applied stops the start, because scripts are history, not state.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const long LockKey = 0x42524f4b4552; // "BROKER"

    private const string BookkeepingSql = """
        create table if not exists public.broker_schema_migrations (
            scope      text        not null,
            version    integer     not null,
            name       text        not null,
            checksum   text        not null,
            applied_at timestamptz not null default now(),
            primary key (scope, version)
        )
        """;

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>
    /// <c>infra/postgres/audit-owner.sql</c>: hands the audit log to a role of its own so that the broker's role cannot
    /// rewrite it. Needs a superuser; a broker running as one applies it itself, otherwise an admin does (docs/security.md).
    /// </summary>
    public static string AuditOwnerSql { get; } = Read(typeof(SchemaMigrator).Assembly, "admin/audit-owner.sql");

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, "select pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await Execute(connection, null, BookkeepingSql, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var count = 0;
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue((migration.Scope, migration.Version), out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Scope}/{migration.Name} was changed after it was applied; add a new script instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, migration.Sql, cancellationToken);
                await Execute(connection, transaction,
                    "insert into public.broker_schema_migrations (scope, version, name, checksum) values (@scope, @version, @name, @checksum)",
                    cancellationToken, ("scope", migration.Scope), ("version", migration.Version), ("name", migration.Name), ("checksum", migration.Checksum));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, migration.Scope, migration.Name);
                count++;
            }

            await SealAuditLogAsync(connection, cancellationToken);
            return count;
        }
        finally
        {
            try
            {
                await Execute(connection, null, "select pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
            }
            finally
            {
                // Pooled connections are not reset on return (StatementPreparation), and a migration may leave session
                // state (a setting, the session lock if the unlock failed): this session is closed, never reused.
                NpgsqlConnection.ClearPool(connection);
            }
        }
    }

    private async Task SealAuditLogAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var superuser = new NpgsqlCommand("select rolsuper from pg_roles where rolname = current_user", connection);
        if (await superuser.ExecuteScalarAsync(cancellationToken) is true)
        {
            await Execute(connection, null, AuditOwnerSql, cancellationToken);
        }
        else
        {
            LogAuditOwnerLeftToAdmin(logger);
        }
    }

    private static async Task<Dictionary<(string, int), string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select scope, version, checksum from public.broker_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<(string, int), string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scopeOrder = new[] { "orleans", "broker" };
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Migration.From(n, Read(assembly, n)))
            .OrderBy(m => Array.IndexOf(scopeOrder, m.Scope))
            .ThenBy(m => m.Version)
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Scope}/{Name}")]
    private static partial void LogApplied(ILogger logger, string scope, string name);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Not a superuser: the audit log's ownership is left to an admin running infra/postgres/audit-owner.sql (docs/security.md)")]
    private static partial void LogAuditOwnerLeftToAdmin(ILogger logger);

    /// <summary>One script: <c>sql/{scope}/{NNNN}_{name}.sql</c>.</summary>
    public sealed record Migration(string Scope, int Version, string Name, string Sql, string Checksum)
    {
        public static Migration From(string resourceName, string sql)
        {
            var parts = resourceName.Split('/');
            if (parts.Length != 3 || parts[2].Length < 6 || !int.TryParse(parts[2].AsSpan(0, 4), out var version) || parts[2][4] != '_')
            {
                throw new InvalidOperationException($"Migration '{resourceName}' must be named sql/<scope>/NNNN_name.sql.");
            }

            // Line endings must not make a checkout on another OS look like a changed script.
            var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
            return new Migration(parts[1], version, Path.GetFileNameWithoutExtension(parts[2]), normalized, checksum);
        }
    }
}
