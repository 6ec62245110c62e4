using Broker.Contracts.Common;
using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Broker.Api.Tests.Orders;

[Collection(ApiCollection.Name)]
public sealed class OrderEventsTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task An_order_waiting_longer_than_the_escalation_time_is_escalated_and_stays_in_the_queue()
    {
        var s = await SelfService.CreateAsync(broker, "escalate", d => d.WithSystem("tax", envelopeVcpu: 1));
        var order = await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        var id = (string)order["id"]!;
        var grain = broker.Services.GetRequiredService<IGrainFactory>().GetOrder(new OrderKey(s.Code, id));

        await grain.ReconcileAsync();
        Assert.False((bool)(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{id}").Expect(HttpStatusCode.OK))["escalated"]!);

        broker.Time.Advance(TimeSpan.FromHours(25));
        await grain.ReconcileAsync();

        var escalated = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{id}").Expect(HttpStatusCode.OK);
        Assert.True((bool)escalated["escalated"]!);
        Assert.Equal("pending-approval", (string)escalated["state"]!);
        var audit = await s.Admin.Send(HttpMethod.Get, $"/api/platform/audit?department={s.Code}&objectType=order").Expect(HttpStatusCode.OK);
        Assert.Contains("order.escalated", audit["items"]!.AsArray().Select(a => (string)a!["action"]!));
        Assert.Contains("broker_order_escalations_total", await broker.As("metrics-reader").GetStringAsync("/metrics"));
        var queue = await s.DeptAdmin.Send(HttpMethod.Get, $"/api/departments/{s.Code}/approvals").Expect(HttpStatusCode.OK);
        Assert.Contains(id, queue["items"]!.AsArray().Select(o => (string)o!["id"]!));
    }

    [Fact]
    public async Task Every_transition_is_one_metering_event_in_sequence_with_what_metering_needs_and_cannot_be_written_twice()
    {
        var s = await SelfService.CreateAsync(broker, "outbox", d => d.WithSystem("tax"));
        await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        await s.ReconcileAllAsync(broker);
        var id = (string)(await s.ResourcesAsync()).Single()!["id"]!;
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{id}/resize", new { planCode = "vm-medium" }).Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);
        await s.Member.Send(HttpMethod.Delete, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK);
        await s.ReconcileAllAsync(broker);

        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            "select seq, type, department, system_id, plan_code, sla_tier, vector->>'vcpu' from broker.resource_events where resource_id = @id order by seq", connection);
        read.Parameters.AddWithValue("id", id);
        var rows = new List<(long Seq, string Type, string Department, string System, string Plan, string Tier, string Vcpu)>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
            }
        }

        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Seq));
        Assert.Equal(
            ["resource.created", "resource.approved", "resource.provisioning", "resource.ready", "resource.updating", "resource.ready", "resource.deleting", "resource.deleted"],
            rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Equal((s.Code, "tax", "silver"), (r.Department, r.System, r.Tier)));
        Assert.Equal(("vm-small", "2"), (rows[3].Plan, rows[3].Vcpu));
        Assert.Equal(("vm-medium", "4"), (rows[5].Plan, rows[5].Vcpu));

        await using var duplicate = new NpgsqlCommand(
            "insert into broker.resource_events select * from broker.resource_events where resource_id = @id and seq = 1", connection);
        duplicate.Parameters.AddWithValue("id", id);
        await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());
    }
}
