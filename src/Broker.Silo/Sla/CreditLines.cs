using System.Globalization;
using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// The <c>sla-credit</c> lines of one department's month: for each resource that missed its tier's target, the deepest
/// step of the tier's schedule reached, applied to that resource's own charges of the month (its compute, storage and
/// database lines, already rounded). A line reads as the other lines do: quantity (the share, negative) × unit price
/// (the charges) = amount, rounded half-up to the fen once; its note carries the attainment figures it was decided on.
/// </summary>
public static class CreditLines
{
    public const string Meter = "sla-credit";

    public const string Unit = "share-of-charges";

    /// <summary>
    /// The card whose schedule governs a month: the one in force at its first instant, or, when none was, the first one
    /// to come into force within it (a credit is a monthly figure; imports are priced by the month's first day likewise).
    /// </summary>
    public static RateCard? CardFor(RateCardTimeline timeline, BillingMonth month) =>
        timeline.At(month.Start) ?? (timeline.Segments.Count > 0 ? timeline.Segments[0].Card : null);

    public static bool Schedules(RateCard? card) => card?.Prices.SlaCredits is { Count: > 0 };

    public static List<StatementLine> For(IEnumerable<ResourceAttainment> attainments, IReadOnlyList<StatementLine> lines, RateCard? card)
    {
        var credits = new List<StatementLine>();
        if (card?.Prices.SlaCredits is not { Count: > 0 } schedule)
        {
            return credits;
        }

        var charges = new Dictionary<string, (string System, decimal Amount)>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.ResourceId is { } resource && line.Category is StatementCategories.Compute or StatementCategories.Storage or StatementCategories.Database)
            {
                var (_, amount) = charges.GetValueOrDefault(resource);
                charges[resource] = (line.SystemId, amount + line.Amount);
            }
        }

        foreach (var a in attainments)
        {
            if (a.ServiceMinutes <= 0 || !schedule.TryGetValue(a.TierCode, out var steps)
                || Step(steps, a.TargetPercent, a.AttainedPercent) is not { } step
                || !charges.TryGetValue(a.ResourceId, out var charged) || charged.Amount <= 0)
            {
                continue;
            }

            var share = -step.Percent / 100m;
            var amount = Money.Round(share * charged.Amount);
            if (amount != 0)
            {
                credits.Add(new StatementLine(StatementCategories.SlaCredit, charged.System, a.ResourceId, Meter, share, Unit, charged.Amount, amount, Note(card, a, step)));
            }
        }

        return credits;
    }

    /// <summary>The deepest step whose threshold (target − depth) the attainment is below; null when the target was met.</summary>
    public static CreditStep? Step(IReadOnlyList<CreditStep> steps, decimal targetPercent, decimal attainedPercent)
    {
        CreditStep? reached = null;
        foreach (var step in steps)
        {
            if (attainedPercent < targetPercent - step.BelowTargetBy && (reached is null || step.BelowTargetBy > reached.BelowTargetBy))
            {
                reached = step;
            }
        }

        return reached;
    }

    private static string Note(RateCard card, ResourceAttainment a, CreditStep step) => string.Create(CultureInfo.InvariantCulture,
        $"card v{card.Version}, {a.TierCode}: target {a.TargetPercent}%, attained {a.AttainedPercent}% ({a.DownMinutes} of {a.ServiceMinutes} min down); below target by more than {step.BelowTargetBy} pt: {step.Percent}%");
}
