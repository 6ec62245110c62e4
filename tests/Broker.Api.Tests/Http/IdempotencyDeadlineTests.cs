using System.Net;
using Broker.Api.Http;
using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Http;

/// <summary>A broker that waits at most one second for an Idempotency-Key's row.</summary>
public sealed class ShortLookupApiFactory : BrokerApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Broker:Idempotency:LookupTimeout", "00:00:01");
    }
}

/// <summary>
/// What a create does when PostgreSQL does not answer its Idempotency-Key statements in time (here: the table locked by
/// another session, so the statement waits as it would on a frozen server): it answers, and never hangs.
/// </summary>
public sealed class IdempotencyDeadlineTests(ShortLookupApiFactory broker) : IClassFixture<ShortLookupApiFactory>
{
    [Fact]
    public async Task A_create_whose_key_lookup_exceeds_its_deadline_gets_503_problem_json_with_retry_after_and_a_retry_succeeds()
    {
        var code = await Setup.Department("idlate").WithQuota(8).CreateAsync(broker);
        var member = broker.As("dept-member", code);
        var body = new { id = "late-1", vector = new Dictionary<string, long> { ["vcpu"] = 1 } };

        HttpResponseMessage refused;
        await using (await LockAsync("access exclusive"))
        {
            refused = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", body, idempotencyKey: "late-1");
        }

        await ProblemAssert.Is(refused, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.NotNull(refused.Headers.RetryAfter);
        await member.Send(HttpMethod.Get, $"/api/departments/{code}/reservations/late-1").Expect(HttpStatusCode.NotFound);
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", body, idempotencyKey: "late-1").Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_create_whose_answer_cannot_be_stored_in_time_is_still_answered_and_its_retry_gets_the_same_answer()
    {
        var code = await Setup.Department("idstore").WithQuota(8).CreateAsync(broker);
        var member = broker.As("dept-member", code);
        var body = new { id = "kept-1", vector = new Dictionary<string, long> { ["vcpu"] = 1 } };

        HttpResponseMessage answered;
        // EXCLUSIVE lets the lookup read but makes the insert of the answer wait.
        await using (await LockAsync("exclusive"))
        {
            answered = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", body, idempotencyKey: "kept-1");
        }

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        // The abandoned insert goes on once the lock is gone, so the retry is answered from the stored answer.
        await Eventually(async () => await StoredKeysAsync("kept-1") == 1, TimeSpan.FromSeconds(30));
        var retried = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", body, idempotencyKey: "kept-1");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.True(retried.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(1L, (long)quota["dimensions"]!.AsArray().Single(d => (string?)d!["dimension"] == "vcpu")!["reserved"]!);
    }

    private async Task<long> StoredKeysAsync(string key)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from broker.idempotency_keys where key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Holds a lock on the broker's idempotency keys in an open transaction until disposed.</summary>
    private async Task<IAsyncDisposable> LockAsync(string mode)
    {
        var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"lock table broker.idempotency_keys in {mode} mode", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }
}
