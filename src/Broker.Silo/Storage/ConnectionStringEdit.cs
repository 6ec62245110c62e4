using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// Changes settings of a configured connection string. An empty or unparsable one is returned as it is, for the options
/// validators, which report it at start; so is one the edit declines (it returns false).
/// </summary>
public static class ConnectionStringEdit
{
    public static string Apply(string connectionString, Func<NpgsqlConnectionStringBuilder, bool> edit)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return connectionString;
        }

        return edit(builder) ? builder.ConnectionString : connectionString;
    }
}
