using System.Net;
using Broker.Api.Tests.Hosting;
using Npgsql;

namespace Broker.Api.Tests.Sla;

/// <summary>Recording incidents: what is refused (and that it changes nothing), what is audited, and when maintenance is excused.</summary>
[Collection(SlaCollection.Name)]
public sealed class IncidentApiTests(SlaApiFactory broker)
{
    [Fact]
    public async Task A_bad_incident_is_refused_naming_each_field_in_both_languages_and_nothing_is_recorded()
    {
        var now = broker.Time.GetUtcNow();
        var before = await CountAsync("select count(*) from broker.sla_incidents");
        var body = new
        {
            start = now,
            end = now.AddHours(-1),
            planned = true,
            description = "",
            backends = new[] { "mainframe" },
        };

        var en = await broker.As("platform-operator").Send(HttpMethod.Post, "/api/platform/sla/incidents", body, language: "en").Expect(HttpStatusCode.BadRequest);
        Assert.Equal("incident.end-before-start", (string)en["code"]!);
        var errors = en["errors"]!.AsObject();
        Assert.Equal(["announcedAt", "backends", "description", "end"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("The end must be after the start.", (string)errors["end"]![0]!);
        Assert.Contains("mainframe", (string)errors["backends"]![0]!, StringComparison.Ordinal);
        var zh = await broker.As("platform-operator").Send(HttpMethod.Post, "/api/platform/sla/incidents", body, language: "zh-CN").Expect(HttpStatusCode.BadRequest);
        Assert.Equal("结束时间须晚于开始时间。", (string)zh["errors"]!["end"]![0]!);

        var unscoped = await broker.As("platform-admin").Send(HttpMethod.Post, "/api/platform/sla/incidents", new { start = now, description = "机房断电" }, language: "en")
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(("incident.scope-required", true), ((string)unscoped["code"]!, unscoped["errors"]!.AsObject().ContainsKey("resources")));
        var both = await broker.As("platform-admin").Send(HttpMethod.Post, "/api/platform/sla/incidents", new { start = now, description = "x", pools = new[] { "ext-a" }, wholePlatform = true })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("incident.scope-conflict", (string)both["code"]!);
        Assert.Equal(before, await CountAsync("select count(*) from broker.sla_incidents"));
    }

    [Fact]
    public async Task An_incident_is_audited_when_recorded_and_when_corrected_and_maintenance_is_excused_only_when_announced_in_time()
    {
        var now = broker.Time.GetUtcNow();
        var operatorClient = broker.As("platform-operator", subject: "ops-li");
        var late = await operatorClient.Send(HttpMethod.Post, "/api/platform/sla/incidents", new
        {
            start = now.AddHours(48),
            end = now.AddHours(50),
            planned = true,
            announcedAt = now,
            description = "存储升级 storage upgrade",
            pools = new[] { "ext-a" },
        }).Expect(HttpStatusCode.Created);
        var id = (string)late["id"]!;
        Assert.False((bool)late["excused"]!); // announced 48 hours ahead of a 72-hour lead time

        // Moved to four days ahead: now announced in time.
        var moved = await operatorClient.Send(HttpMethod.Put, $"/api/platform/sla/incidents/{id}", new
        {
            start = now.AddHours(96),
            end = now.AddHours(98),
            planned = true,
            announcedAt = now,
            description = "存储升级 storage upgrade",
            pools = new[] { "ext-a" },
        }).Expect(HttpStatusCode.OK);
        Assert.True((bool)moved["excused"]!);
        Assert.True((bool)(await broker.As("auditor").Send(HttpMethod.Get, $"/api/platform/sla/incidents/{id}").Expect(HttpStatusCode.OK))["excused"]!);

        Assert.Equal(2, await CountAsync($"select count(*) from broker.audit_log where object_type = 'sla-incident' and object_id = '{id}' and actor = 'ops-li'"));
        await broker.As("platform-admin").Send(HttpMethod.Put, "/api/platform/sla/incidents/inc-000000000000", new { start = now, description = "x", wholePlatform = true })
            .Expect(HttpStatusCode.NotFound);
        var listed = await broker.As("finance").Send(HttpMethod.Get, "/api/platform/sla/incidents?period=2026").Expect(HttpStatusCode.OK);
        Assert.Contains(listed.AsArray(), i => (string)i!["id"]! == id);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
