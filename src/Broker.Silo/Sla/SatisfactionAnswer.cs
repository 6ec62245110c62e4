namespace Broker.Silo.Sla;

/// <summary>
/// A department's answer to one month's satisfaction form: a score per question code and an optional comment. One per
/// department and month; a later answer before the deadline replaces it (the audit log keeps what it replaced).
/// </summary>
public sealed record SatisfactionAnswer(
    string Department,
    string Period,
    IReadOnlyDictionary<string, int> Scores,
    string? Comment,
    string SubmittedBy,
    DateTimeOffset SubmittedAt);
