
namespace Broker.Silo.Storage;

/// <summary>
/// Lets Npgsql prepare the broker's statements on each pooled connection once they repeat (<c>Max Auto Prepare</c>),
/// unless the configured connection string sets it. Every order runs the same dozen statements, most of them
/// <c>unnest</c> inserts with a dozen array parameters, and PostgreSQL otherwise parses and plans each afresh.
/// </summary>
/// <remarks>
/// Pooled connections are not reset when they return (<c>No Reset On Close</c>, set with it). With prepared statements
/// Npgsql's reset is seven statements (<c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT
/// pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c>) on every connection use, about 33 per order in the
/// provisioning benchmark, each an implicit transaction of its own for PostgreSQL. The broker leaves no session state on
/// a pooled connection: it never sets a session setting, listens or creates temporary tables, its transaction locks end
/// with their transactions, and the schema migrator, whose lock is a session's, closes its session instead of returning
/// it (<see cref="SchemaMigrator"/>). Prepared plans are replanned by PostgreSQL itself when a table they read changes.
/// </remarks>
public static class StatementPreparation
{
    /// <summary>Statements kept prepared per connection; the broker's order path uses about fifteen.</summary>
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString) =>
        ConnectionStringEdit.Apply(connectionString, builder =>
        {
            if (builder.MaxAutoPrepare != 0)
            {
                return false; // the configured connection string decides (and keeps the reset unless it says otherwise)
            }

            builder.MaxAutoPrepare = MaxAutoPrepare;
            builder.NoResetOnClose = true;
            return true;
        });
}
