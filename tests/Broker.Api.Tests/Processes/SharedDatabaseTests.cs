using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.TestSupport.Postgres;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Processes;

[Collection(ProcessCollection.Name)]
public sealed class SharedDatabaseTests
{
    [Fact]
    public async Task An_ordered_database_is_a_real_database_on_the_shared_server_reachable_with_the_credentials_shown_once()
    {
        var server = await PostgresServer.GetAsync();
        var admin = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        var database = await server.CreateDatabaseAsync("shareddb");
        var settings = new Dictionary<string, string?>
        {
            ["Broker:Demo:Seed"] = "true",
            ["Broker:Provisioning:ObserveInterval"] = "00:00:00.200",
            ["Broker:Provisioning:SharedPostgres:AdminConnectionString"] = server.AdminConnectionString,
            ["Broker:Provisioning:SharedPostgres:AdvertisedHost"] = admin.Host,
            ["Broker:Provisioning:SharedPostgres:AdvertisedPort"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:Provisioning:SharedPostgres:NamePrefix"] = $"t{Guid.NewGuid():n}"[..8],
        };
        await using var broker = await BrokerProcess.StartAsync(database, Path.Combine(Path.GetTempPath(), $"broker-shareddb-{Guid.NewGuid():n}.key"), $"shareddb-{Guid.NewGuid():n}", extra: settings);
        const string code = "finance-bureau";
        var member = broker.As("dept-member", code);

        await member.Send(HttpMethod.Post, $"/api/departments/{code}/orders", new { systemId = "core", planCode = "pg-single", slaTier = "silver", quantity = 1, databaseName = "budget" }).Expect(HttpStatusCode.Created);
        // The database is created right after the answer, then built.
        var resource = (await Eventually(
            async () => (await member.Send(HttpMethod.Get, $"/api/departments/{code}/resources").Expect(HttpStatusCode.OK))["items"]!.AsArray().FirstOrDefault(),
            r => r is not null && (string)r["state"]! == "ready",
            TimeSpan.FromSeconds(30)))!;

        Assert.Equal("ready", (string)resource["state"]!);
        Assert.Equal("shared-postgres", (string)resource["backend"]!);
        Assert.False((bool)resource["simulated"]!);
        Assert.DoesNotContain("password", resource["outputs"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var id = (string)resource["id"]!;

        var access = await member.Send(HttpMethod.Post, $"/api/departments/{code}/resources/{id}/credentials").Expect(HttpStatusCode.OK);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = (string)access["host"]!,
            Port = access["port"]!.GetValue<int>(),
            Database = (string)access["database"]!,
            Username = (string)access["username"]!,
            Password = (string)access["password"]!,
            Pooling = false,
        }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create table ledger (id int primary key); insert into ledger values (1); select count(*) from ledger", connection);
            Assert.Equal(1L, await create.ExecuteScalarAsync());
        }

        // Shown once: another look is a reset, which only the department's admin may do.
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/resources/{id}/credentials").Expect(HttpStatusCode.Forbidden);
        var reset = await broker.As("dept-admin", code).Send(HttpMethod.Post, $"/api/departments/{code}/resources/{id}/credentials").Expect(HttpStatusCode.OK);
        Assert.NotEqual((string)access["password"]!, (string)reset["password"]!);
        await broker.As("dept-admin", "housing-fund").Send(HttpMethod.Post, $"/api/departments/housing-fund/resources/{id}/credentials").Expect(HttpStatusCode.NotFound);

        await member.Send(HttpMethod.Delete, $"/api/departments/{code}/resources/{id}").Expect(HttpStatusCode.OK);
        resource = await Eventually(
            () => member.Send(HttpMethod.Get, $"/api/departments/{code}/resources/{id}").Expect(HttpStatusCode.OK),
            r => (string)r["state"]! == "deleted",
            TimeSpan.FromSeconds(30));

        Assert.Equal("deleted", (string)resource["state"]!);
        await using var check = new NpgsqlConnection(server.AdminConnectionString);
        await check.OpenAsync();
        await using var exists = new NpgsqlCommand("select count(*) from pg_database where datname = @name", check);
        exists.Parameters.AddWithValue("name", (string)access["database"]!);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }
}
