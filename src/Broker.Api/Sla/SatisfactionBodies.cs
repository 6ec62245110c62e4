using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>A department's answer: a whole-number score per question code, and an optional comment.</summary>
public sealed record SatisfactionRequest(Dictionary<string, int>? Scores, string? Comment);

/// <summary>
/// A month's form as a department sees it: when it takes answers (Asia/Shanghai month start to the deadline, exclusive),
/// whether it does now, the scale, the questions (in the caller's language, and both), and the department's answer if any.
/// </summary>
public sealed record SatisfactionForm(
    string Department,
    string Period,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    bool Open,
    int ScaleMin,
    int ScaleMax,
    IReadOnlyList<SatisfactionQuestionView> Questions,
    SatisfactionAnswerView? Answer);

public sealed record SatisfactionQuestionView(string Code, string Text, string Zh, string En, decimal Weight);

/// <summary>An answer with its score on 0 to 100 under the questions and weights configured now.</summary>
public sealed record SatisfactionAnswerView(
    string Department,
    string Period,
    IReadOnlyDictionary<string, int> Scores,
    string? Comment,
    decimal? Score,
    string SubmittedBy,
    DateTimeOffset SubmittedAt)
{
    public static SatisfactionAnswerView From(SatisfactionAnswer answer, SatisfactionOptions options) => new(
        answer.Department, answer.Period, answer.Scores, answer.Comment, SatisfactionScoring.Score(answer.Scores, options), answer.SubmittedBy, answer.SubmittedAt);
}

/// <summary>Every sla-credit line of a month across departments, and those the month carries as adjustments for earlier months.</summary>
public sealed record SlaCreditsView(string Period, IReadOnlyList<SlaCreditView> Lines, decimal TotalCny);

public sealed record SlaCreditView(string Department, string State, string SystemId, string? ResourceId, string? OriginalPeriod, decimal Share, decimal ChargesCny, decimal AmountCny, string? Note);
