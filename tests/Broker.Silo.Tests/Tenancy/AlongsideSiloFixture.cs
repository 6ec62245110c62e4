using Broker.Silo.Storage;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Broker.Silo.Tests.Tenancy;

/// <summary>One database with the scratch tables and one silo that knows <see cref="ScratchRowsWriter"/>.</summary>
public sealed class AlongsideSiloFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public TestSilo Silo { get; private set; } = null!;

    public ScratchRowsWriter Writer { get; } = new();

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Silo = await TestSilo.StartAsync(_database.ConnectionString, services: s => s.AddSingleton<IAlongsideWriter>(Writer));
        await ExecuteAsync(ScratchRowsWriter.CreateTables);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
