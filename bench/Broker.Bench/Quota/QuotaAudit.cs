namespace Broker.Bench.Quota;

/// <summary>
/// What an overcommit check found. <see cref="Overcommitted"/> counts departments (or, for the broker's journal
/// replay, journal states) above a limit; <see cref="Drifted"/> counts books that do not add up (use that no
/// held reservation explains, or use left over once everything was released). <see cref="Checked"/> counts what was
/// looked at: departments, plus journal entries when the broker's journals were replayed.
/// </summary>
public sealed record QuotaAudit(int Checked, int Overcommitted, int Drifted, string? FirstProblem)
{
    public QuotaAudit Plus(QuotaAudit other) =>
        new(Checked + other.Checked, Overcommitted + other.Overcommitted, Drifted + other.Drifted, FirstProblem ?? other.FirstProblem);
}
