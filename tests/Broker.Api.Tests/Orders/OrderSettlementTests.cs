using Broker.Contracts.Common;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Orders;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Orders;

/// <summary>
/// A failure after an order's decision is written is settled, never left holding: the hand-off to resources is made to
/// fail in PostgreSQL itself (a trigger refusing that order's journal rows), and the order ends compensated and failed,
/// with its quota, envelope and capacity given back.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrderSettlementTests(BrokerApiFactory broker)
{
    // Default of Broker:Provisioning:OrderSettleAttempts.
    private const int Attempts = 6;

    [Fact]
    public async Task A_hand_off_that_keeps_failing_is_compensated_after_the_bounded_attempts_and_the_order_is_failed_with_its_reason()
    {
        var s = await ReadyAsync("settle-bounded");
        var key = Guid.NewGuid().ToString();
        var orderId = OrderIds.For(s.Code, key);
        await using var refusal = await JournalRefusal.ArmAsync(broker.ConnectionString, orderId, "P0001");

        // The decision is durable and answered; the hand-off after the answer fails (logged, left to the sweeper), and
        // the order holds what it reserved.
        var placed = await s.PlaceAsync(SelfService.Vms("lab", 2), key).Expect(HttpStatusCode.Created);
        Assert.Equal("approved", (string)placed["state"]!);
        var held = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{orderId}").Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)held["state"]!);
        Assert.Equal(4, SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));

        // The sweeper's visits (as its reminder makes them) fail and are counted, up to the last allowed attempt.
        var order = broker.Services.GetRequiredService<IGrainFactory>().GetOrder(new OrderKey(s.Code, orderId));
        for (var visit = 1; visit < Attempts; visit++)
        {
            await Assert.ThrowsAnyAsync<Exception>(order.ReconcileAsync);
        }

        await order.ReconcileAsync(); // the last attempt compensates instead of failing again
        await order.ReconcileAsync(); // settled: nothing more to do, nothing thrown

        var failed = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{orderId}").Expect(HttpStatusCode.OK);
        Assert.Equal("failed", (string)failed["state"]!);
        Assert.Contains("hand-off failed", (string)failed["reason"]!, StringComparison.Ordinal);
        await AssertNothingHeldAsync(s);
        var listed = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders?state=failed").Expect(HttpStatusCode.OK);
        Assert.Contains(orderId, listed["items"]!.AsArray().Select(o => (string)o!["id"]!));
    }

    [Fact]
    public async Task A_hand_off_that_fails_permanently_is_compensated_at_once_and_the_order_shows_failed()
    {
        var s = await ReadyAsync("settle-permanent");
        var key = Guid.NewGuid().ToString();
        var orderId = OrderIds.For(s.Code, key);
        JsonNode placed;
        await using (await JournalRefusal.ArmAsync(broker.ConnectionString, orderId, "22023"))
        {
            // Answered once the decision is durable; the hand-off after it fails for good and compensates the order.
            placed = await s.PlaceAsync(SelfService.Vms("lab", 2), key).Expect(HttpStatusCode.Created);
            Assert.Equal("approved", (string)placed["state"]!);
            var failed = await Eventually(
                () => s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{orderId}").Expect(HttpStatusCode.OK),
                o => (string)o["state"]! == "failed", HandOffs.Deadline);
            Assert.Equal(new JsonObject { ["state"] = "failed", ["ready"] = 0, ["total"] = 2 }.ToJsonString(), failed["progress"]!.ToJsonString());
        }

        await AssertNothingHeldAsync(s);
        // A replay is the first answer, word for word; the order itself shows what became of it.
        var replay = await s.PlaceAsync(SelfService.Vms("lab", 2), key).Expect(HttpStatusCode.Created);
        Assert.Equal(placed.ToJsonString(), replay.ToJsonString());
        await AssertNothingHeldAsync(s);
    }

    private async Task<SelfService> ReadyAsync(string prefix)
    {
        var s = await SelfService.CreateAsync(broker, prefix, d => d.WithSystem("lab"));
        return s;
    }

    private static async Task AssertNothingHeldAsync(SelfService s)
    {
        var quota = await s.QuotaAsync();
        Assert.Equal(0, SelfService.Figure(quota, "vcpu", "used") + SelfService.Figure(quota, "vcpu", "reserved"));
        Assert.Equal(0, SelfService.Figure(quota, "vms", "used") + SelfService.Figure(quota, "vms", "reserved"));
        Assert.Empty(await s.ResourcesAsync());
        var system = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/systems/lab").Expect(HttpStatusCode.OK);
        Assert.Equal(0, system["allocated"]?["vcpu"]?.GetValue<long>() ?? 0);
    }

    /// <summary>A trigger that refuses the journal rows of one order's resources with the given SQLSTATE, until disposed.</summary>
    private sealed class JournalRefusal(string connectionString, string name) : IAsyncDisposable
    {
        public static async Task<JournalRefusal> ArmAsync(string connectionString, string orderId, string sqlState)
        {
            var name = $"refuse_{orderId}";
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                create function broker.{name}() returns trigger language plpgsql as $$
                begin
                    if new.resource_id like '{orderId}-%' then
                        raise exception 'injected journal failure' using errcode = '{sqlState}';
                    end if;
                    return new;
                end $$;
                create trigger {name} before insert on broker.resource_events for each row execute function broker.{name}();
                """;
            await command.ExecuteNonQueryAsync();
            return new JournalRefusal(connectionString, name);
        }

        public async ValueTask DisposeAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"drop trigger {name} on broker.resource_events; drop function broker.{name}();";
            await command.ExecuteNonQueryAsync();
        }
    }
}
