using System.Net;
using Broker.Api.Http;
using Broker.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Broker.Api.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyKeyPurgeTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task Keys_older_than_the_window_are_purged_and_free_again_while_younger_ones_still_replay()
    {
        var code = await Setup.Department("idem-purge").CreateAsync(broker);
        var member = broker.As("dept-member", code, subject: $"purge@{code}");
        var url = $"/api/departments/{code}/reservations";
        await member.Send(HttpMethod.Post, url, new { id = "old", vector = new { vcpu = 1 } }, idempotencyKey: $"{code}-old").Expect(HttpStatusCode.Created);
        await member.Send(HttpMethod.Post, url, new { id = "young", vector = new { vcpu = 1 } }, idempotencyKey: $"{code}-young").Expect(HttpStatusCode.Created);
        await AgeKeyAsync($"{code}-old", TimeSpan.FromHours(25));

        var purged = await broker.Services.GetRequiredService<IdempotencyKeyPurge>().PurgeAsync();

        Assert.True(purged >= 1, $"purged {purged}");
        Assert.Equal(0, await CountKeysAsync($"{code}-old"));
        Assert.Equal(1, await CountKeysAsync($"{code}-young"));
        // The young key still answers a different body with 409; the purged one is a new request again.
        await member.Send(HttpMethod.Post, url, new { id = "other", vector = new { vcpu = 1 } }, idempotencyKey: $"{code}-young").Expect(HttpStatusCode.Conflict);
        await member.Send(HttpMethod.Post, url, new { id = "other", vector = new { vcpu = 1 } }, idempotencyKey: $"{code}-old").Expect(HttpStatusCode.Created);
    }

    private async Task AgeKeyAsync(string key, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("update broker.idempotency_keys set created_at = now() - @age where key = @key", connection);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("key", key);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<long> CountKeysAsync(string key)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from broker.idempotency_keys where key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
