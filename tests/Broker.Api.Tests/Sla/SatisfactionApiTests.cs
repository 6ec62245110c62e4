using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Tests.Sla;
using Npgsql;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// The satisfaction form over HTTP on a real database: the deadline on the broker's clock (November 2, 2026 09:00 in
/// Shanghai here: October's form takes answers until the end of November 10), one answer per department and month
/// (a second replaces the first, audited with what it replaced), refusals that change nothing, and the weighted score
/// in the assessment. The form (appsettings.json) has four questions of weight 1 on a 1 to 5 scale.
/// </summary>
[Collection(SlaAssessmentCollection.Name)]
public sealed class SatisfactionApiTests(SlaAssessmentApiFactory broker)
{
    private static object Answer(int availability, int response, int delivery, int communication, string? comment = null) => new
    {
        scores = new { availability, response, delivery, communication },
        comment,
    };

    [Fact]
    public async Task A_second_answer_before_the_deadline_replaces_the_first_and_both_are_audited()
    {
        var code = await broker.DepartmentAsync("sat");
        var admin = broker.As("dept-admin", code);

        var first = await admin.Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-10", Answer(5, 4, 3, 2, "首次")).Expect(HttpStatusCode.Created);
        // (4 + 3 + 2 + 1) / 4 of the way from 1 to 5: 62.5.
        Assert.Equal(62.5m, first["score"]!.GetValue<decimal>());
        var second = await admin.Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-10", Answer(5, 5, 5, 4, "更正")).Expect(HttpStatusCode.OK);
        Assert.Equal(93.75m, second["score"]!.GetValue<decimal>());

        var form = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/satisfaction/2026-10").Expect(HttpStatusCode.OK);
        Assert.True(form["open"]!.GetValue<bool>());
        Assert.Equal("2026-11-10T16:00:00+00:00", form["closesAt"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, form["questions"]!.AsArray().Count);
        Assert.Equal(("更正", 4), (form["answer"]!["comment"]!.GetValue<string>(), form["answer"]!["scores"]!["communication"]!.GetValue<int>()));

        var audit = await AuditAsync(code);
        Assert.Equal(
            [("sla-satisfaction.submitted", null, "首次"), ("sla-satisfaction.replaced", "首次", "更正")],
            audit);
        Assert.Equal(1, await CountAsync(code));
    }

    [Fact]
    public async Task Answers_outside_the_window_or_out_of_range_are_refused_and_change_nothing()
    {
        var code = await broker.DepartmentAsync("sat-late");
        var admin = broker.As("dept-admin", code);

        // September's form closed at the end of October 10; December's opens on December 1.
        var closed = await admin.Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-09", Answer(5, 5, 5, 5)).Expect(HttpStatusCode.Conflict);
        Assert.Equal(("sla.satisfaction-closed", "period"), (closed["code"]!.GetValue<string>(), closed["field"]!.GetValue<string>()));
        Assert.Contains("2026-10-11 00:00", closed["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var early = await admin.Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-12", Answer(5, 5, 5, 5)).Expect(HttpStatusCode.Conflict);
        Assert.Equal("sla.satisfaction-not-open", early["code"]!.GetValue<string>());

        var bad = await admin.Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-10", new { scores = new { availability = 6, response = 3, delivery = 3 } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("sla.score-out-of-range", bad["code"]!.GetValue<string>());
        Assert.Equal(["scores.availability", "scores.communication"], bad["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await admin.Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-13", Answer(5, 5, 5, 5)).Expect(HttpStatusCode.BadRequest);

        // A dept-member may order resources for the department, but the form speaks for it: its admin answers.
        var member = await broker.As("dept-member", code).Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-10", Answer(1, 1, 1, 1))
            .Expect(HttpStatusCode.Forbidden);
        Assert.Equal("sla.satisfaction-admin-only", member["code"]!.GetValue<string>());

        Assert.Equal(0, await CountAsync(code));
        Assert.Empty(await AuditAsync(code));
        var form = await admin.Send(HttpMethod.Get, $"/api/departments/{code}/sla/satisfaction/2026-09").Expect(HttpStatusCode.OK);
        Assert.False(form["open"]!.GetValue<bool>());
        Assert.Null(form["answer"]);
    }

    [Fact]
    public async Task The_assessment_weighs_measured_attainment_and_the_answer()
    {
        var code = await broker.DepartmentAsync("sat-score");
        // Silver 99.9 % target, 44,640 minutes in October, 134 down: 99.700 % (0.2 below: 100 - 4 = 96 availability).
        broker.Attainment.Set(new BillingMonth(2026, 10), SetAttainmentSource.Figures(code, "portal", $"{code}-vm", "silver", 99.9m, 44_640, 134));
        await broker.As("dept-admin", code).Send(HttpMethod.Put, $"/api/departments/{code}/sla/satisfaction/2026-10", Answer(4, 4, 3, 3)).Expect(HttpStatusCode.Created);

        var assessment = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/assessments/2026-10").Expect(HttpStatusCode.OK);

        // Satisfaction (3 + 3 + 2 + 2) / 16 = 62.5; score 0.7 x 96 + 0.3 x 62.5 = 67.2 + 18.75 = 85.95: good (80 to 90).
        var mine = assessment["departments"]!.AsArray().Single()!;
        Assert.Equal(
            (99.7m, 96m, 62.5m, 85.95m, "good"),
            (mine["tiers"]![0]!["attainedPercent"]!.GetValue<decimal>(), mine["availabilityScore"]!.GetValue<decimal>(),
             mine["satisfactionScore"]!.GetValue<decimal>(), mine["score"]!.GetValue<decimal>(), mine["grade"]!.GetValue<string>()));
        Assert.Null(assessment["city"]);

        // The quarter so far is October and November (November unmeasured, unanswered): the same figures.
        var quarter = await broker.As("dept-reader", code).Send(HttpMethod.Get, $"/api/departments/{code}/sla/assessments/2026-Q4").Expect(HttpStatusCode.OK);
        Assert.Equal(["2026-10", "2026-11"], quarter["months"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(85.95m, quarter["departments"]![0]!["score"]!.GetValue<decimal>());

        // The platform sees every department and the city.
        var city = await broker.As("platform-operator").Send(HttpMethod.Get, "/api/platform/sla/assessments/2026-10").Expect(HttpStatusCode.OK);
        Assert.Contains(city["departments"]!.AsArray(), d => d!["scope"]!.GetValue<string>() == code);
        Assert.Equal("city", city["city"]!["scope"]!.GetValue<string>());
        await broker.As("finance").Send(HttpMethod.Get, "/api/platform/sla/assessments/2026-Q5").Expect(HttpStatusCode.BadRequest);
    }

    private async Task<List<(string Action, string? Before, string? After)>> AuditAsync(string code)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select action, before->>'comment', after->>'comment' from broker.audit_log where object_type = 'sla-satisfaction' and department = @d order by id", connection);
        command.Parameters.AddWithValue("d", code);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private async Task<long> CountAsync(string code)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from broker.sla_satisfaction where department = @d", connection);
        command.Parameters.AddWithValue("d", code);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
