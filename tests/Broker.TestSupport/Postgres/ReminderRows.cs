using Npgsql;

namespace Broker.TestSupport.Postgres;

/// <summary>Counts rows of the Orleans reminder table, for tests that prove which grains keep a reminder and which write none.</summary>
public static class ReminderRows
{
    /// <param name="connectionString">The broker's database.</param>
    /// <param name="grainLike">A LIKE pattern on the grain id (e.g. <c>resource/%</c>).</param>
    /// <param name="nameLike">A LIKE pattern on the reminder's name.</param>
    public static async Task<long> CountAsync(string connectionString, string grainLike, string nameLike = "%")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from orleans_reminders where grain_id like @grain and reminder_name like @name", connection);
        command.Parameters.AddWithValue("grain", grainLike);
        command.Parameters.AddWithValue("name", nameLike);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
