using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// Runs a statement that cannot take bind parameters (DDL: identifiers and the literals of COMMENT and PASSWORD). The
/// server builds it with <c>format()</c> from a constant template and bound arguments: <c>%I</c> quotes an identifier
/// exactly as <c>quote_ident</c> does, <c>%L</c> a literal as <c>quote_literal</c> does (both with the server's own
/// rules), <c>%s</c> takes a number. No input is ever spliced into SQL text on this side.
/// </summary>
internal static class Ddl
{
    /// <param name="template">A constant in this assembly; never built from input.</param>
    /// <param name="arguments"><see cref="PgIdentifier"/> for <c>%I</c>, <see cref="string"/> for <c>%L</c>, <see cref="int"/> for <c>%s</c>.</param>
    public static async Task ExecuteAsync(
        NpgsqlConnection connection, string template, CancellationToken cancellationToken, params object[] arguments)
    {
        var statement = await FormatAsync(connection, template, arguments, cancellationToken);
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> FormatAsync(
        NpgsqlConnection connection, string template, object[] arguments, CancellationToken cancellationToken)
    {
        // Only placeholders ($2, $3, ...) are added to the text; the values travel as parameters.
        var placeholders = string.Concat(Enumerable.Range(2, arguments.Length).Select(i => $", ${i}"));
        await using var command = new NpgsqlCommand($"select format($1{placeholders})", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = template });
        foreach (var argument in arguments)
        {
            command.Parameters.Add(argument switch
            {
                PgIdentifier identifier => new NpgsqlParameter<string> { TypedValue = identifier.Value },
                string literal => new NpgsqlParameter<string> { TypedValue = literal },
                int number => new NpgsqlParameter<int> { TypedValue = number },
                _ => throw new ArgumentException($"Unsupported DDL argument type {argument?.GetType().Name}.", nameof(arguments)),
            });
        }

        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
