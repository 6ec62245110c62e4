namespace Broker.Silo.Metering;

/// <summary>The answer to "close this month": the frozen statements, or why not.</summary>
/// <param name="Refusal">null when closed; otherwise period-not-ended, already-closed or unexplained-findings.</param>
public sealed record CloseOutcome(string? Refusal, IReadOnlyList<Statement> Statements, IReadOnlyList<IntegrityFinding> Unexplained);
