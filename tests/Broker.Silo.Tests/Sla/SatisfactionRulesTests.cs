using Broker.Silo.Metering;
using Broker.Silo.Sla;

namespace Broker.Silo.Tests.Sla;

/// <summary>The satisfaction form's deadline, its checks and its score, as pure functions.</summary>
public sealed class SatisfactionRulesTests
{
    private static readonly BillingMonth November = new(2026, 11);

    public static SatisfactionOptions Form() => new()
    {
        ScaleMin = 1,
        ScaleMax = 5,
        DeadlineDay = 10,
        Questions =
        [
            new() { Code = "availability", Zh = "稳定可靠", En = "Reliable", Weight = 2m },
            new() { Code = "response", Zh = "响应及时", En = "Prompt", Weight = 1m },
        ],
    };

    [Fact]
    public void The_form_takes_answers_from_the_month_start_until_the_end_of_the_deadline_day_in_Shanghai()
    {
        var opens = new DateTimeOffset(2026, 11, 1, 0, 0, 0, BillingMonth.Offset);
        var closes = new DateTimeOffset(2026, 12, 11, 0, 0, 0, BillingMonth.Offset);
        Assert.Equal((opens, closes), (SatisfactionWindow.Opens(November), SatisfactionWindow.Closes(November, 10)));

        Assert.Equal(SatisfactionWindow.NotOpen, SatisfactionWindow.Refusal(November, 10, opens.AddTicks(-1)));
        Assert.Null(SatisfactionWindow.Refusal(November, 10, opens));
        Assert.Null(SatisfactionWindow.Refusal(November, 10, closes.AddTicks(-1))); // 23:59:59.9999999 on December 10
        Assert.Equal(SatisfactionWindow.Closed, SatisfactionWindow.Refusal(November, 10, closes));
        // December's form closes in the next year.
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 0, 0, 0, BillingMonth.Offset), SatisfactionWindow.Closes(new BillingMonth(2026, 12), 1));
    }

    [Fact]
    public void An_answer_must_score_every_question_and_only_those_on_the_scale()
    {
        var form = Form();
        Assert.Empty(SatisfactionScoring.Validate(new Dictionary<string, int> { ["availability"] = 5, ["response"] = 1 }, "fine", form));

        var errors = SatisfactionScoring.Validate(new Dictionary<string, int> { ["availability"] = 6, ["speed"] = 3 }, "ok\u202e", form);

        Assert.Equal(
            [("comment", "field.invalid-character"), ("scores", "sla.question-unknown"), ("scores.availability", "sla.score-out-of-range"), ("scores.response", "field.required")],
            errors.Select(e => (e.Field, e.Code)).Order());
        Assert.Equal([("scores", "field.required")], SatisfactionScoring.Validate(null, null, form).Select(e => (e.Field, e.Code)));
        Assert.Equal([("scores.availability", "sla.score-out-of-range")],
            SatisfactionScoring.Validate(new Dictionary<string, int> { ["availability"] = 0, ["response"] = 3 }, null, form).Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void The_score_is_the_weighted_mean_of_the_answers_on_0_to_100()
    {
        var form = Form();
        // availability 4 -> 75, weight 2; response 2 -> 25, weight 1: (150 + 25) / 3 = 58.333...
        Assert.Equal(58.33m, SatisfactionScoring.Score(new Dictionary<string, int> { ["availability"] = 4, ["response"] = 2 }, form));
        Assert.Equal(100m, SatisfactionScoring.Score(new Dictionary<string, int> { ["availability"] = 5, ["response"] = 5 }, form));
        Assert.Equal(0m, SatisfactionScoring.Score(new Dictionary<string, int> { ["availability"] = 1, ["response"] = 1 }, form));
        // A question dropped from the configuration since: the rest count; none left: no score.
        Assert.Equal(25m, SatisfactionScoring.Score(new Dictionary<string, int> { ["response"] = 2, ["old"] = 5 }, form));
        Assert.Null(SatisfactionScoring.Score(new Dictionary<string, int> { ["old"] = 5 }, form));
    }

    [Fact]
    public void Bad_form_settings_are_all_reported_at_start()
    {
        var form = new SatisfactionOptions
        {
            ScaleMin = 5,
            ScaleMax = 5,
            DeadlineDay = 31,
            Questions = [new() { Code = "A b", Zh = "", En = "x", Weight = 0 }, new() { Code = "ok", Zh = "好", En = "ok" }, new() { Code = "ok", Zh = "好", En = "ok" }],
        };

        var result = new SatisfactionOptionsValidator().Validate(null, form);

        Assert.True(result.Failed);
        Assert.Equal(6, result.Failures!.Count());
    }
}
