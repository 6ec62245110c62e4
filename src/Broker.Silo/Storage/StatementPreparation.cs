
namespace Broker.Silo.Storage;

/// <summary>
/// Lets Npgsql prepare the broker's statements on each pooled connection once they repeat (<c>Max Auto Prepare</c>),
/// unless the configured connection string sets it. Every order runs the same dozen statements, most of them
/// <c>unnest</c> inserts with a dozen array parameters, and PostgreSQL otherwise parses and plans each afresh.
/// </summary>
/// <remarks>
/// It also changes how a pooled connection is reset when it returns: with prepared statements Npgsql sends
/// <c>SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD
/// SEQUENCES; DISCARD TEMP</c> instead of <c>DISCARD ALL</c>: every piece of session state is still cleared (settings,
/// cursors, advisory locks such as the schema migrator's, temporary tables) but the plans, so the prepared statements
/// and the audit chain trigger's own cached plans survive to the next use. Prepared plans are replanned by PostgreSQL
/// itself when a table they read changes.
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
                return false; // the configured connection string decides
            }

            builder.MaxAutoPrepare = MaxAutoPrepare;
            builder.NoResetOnClose = true;
            return true;
        });
}
