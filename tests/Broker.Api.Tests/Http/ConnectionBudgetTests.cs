using System.Net;
using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Broker.Api.Tests.Http;

/// <summary>A broker whose pools are far smaller than the burst it gets: 4 broker and 4 Orleans connections.</summary>
public sealed class SmallPoolApiFactory : BrokerApiFactory
{
    public const int BrokerPool = 4;
    public const int OrleansPool = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Broker:Storage:Connections:Broker", BrokerPool.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Broker:Storage:Connections:Orleans", OrleansPool.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Many concurrent reads queue for the bounded pools instead of exhausting the server.</summary>
public sealed class ConnectionBudgetTests(SmallPoolApiFactory broker) : IClassFixture<SmallPoolApiFactory>
{
    [Fact]
    public async Task Five_hundred_concurrent_resource_listings_all_succeed_within_the_connection_budget()
    {
        var code = await Setup.Department("budget").CreateAsync(broker);
        var reader = broker.As("dept-reader", code);

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => reader.GetAsync($"/api/departments/{code}/resources")));

        var statuses = answers.GroupBy(a => (int)a.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<int, int> { [200] = 500 }, statuses);
        Assert.InRange(await SessionsOnTheDatabaseAsync(), 1, SmallPoolApiFactory.BrokerPool + SmallPoolApiFactory.OrleansPool);
    }

    /// <summary>The broker's sessions on its database, counted from another database so the count does not include itself.</summary>
    private async Task<long> SessionsOnTheDatabaseAsync()
    {
        var target = new NpgsqlConnectionStringBuilder(broker.ConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(broker.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where datname = @name", connection);
        command.Parameters.AddWithValue("name", target.Database!);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
