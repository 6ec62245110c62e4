using System.Globalization;

namespace Broker.Silo.Metering;

/// <summary>
/// The one rating code path: statements and quotes both turn intervals into lines here. An interval is clipped to the
/// month (and to "now" while open), split where the rate card changes, and each piece adds integer units
/// (size x ticks) to its line; nothing is expanded into hourly samples.
/// </summary>
public sealed class Rating(BillingMonth month, RateCardTimeline timeline, DateTimeOffset asOf)
{
    private readonly long _monthStart = month.Start.UtcTicks;
    private readonly long _monthEnd = month.End.UtcTicks;
    private readonly long _monthTicks = month.Ticks;
    private readonly long _asOf = Math.Min(asOf.UtcTicks, month.End.UtcTicks);
    private readonly Dictionary<(int Version, string Tier), string> _notes = [];

    public BillingMonth Month { get; } = month;

    public RateCardTimeline Timeline { get; } = timeline;

    public void Rate(in UsageInterval interval, LineAccumulator lines)
    {
        var start = Math.Max(interval.StartTicks, _monthStart);
        var end = Math.Min(interval.EndTicks == UsageInterval.Open ? _asOf : interval.EndTicks, _monthEnd);
        if (end <= start)
        {
            return;
        }

        // Indexed, not foreach: the segments are an IReadOnlyList, whose enumerator would be boxed once per interval.
        var segments = Timeline.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var from = Math.Max(start, segment.FromTicks);
            var to = Math.Min(end, segment.ToTicks);
            if (to > from)
            {
                RatePiece(interval, segment.Card, to - from, lines);
            }
        }
    }

    private void RatePiece(in UsageInterval iv, RateCard card, long ticks, LineAccumulator lines)
    {
        var prices = card.Prices;
        var multiplier = prices.Multiplier(iv.SlaTier);
        var note = Note(card, iv.SlaTier, multiplier);
        if (iv.Kind == "database" && prices.DatabasePlans.TryGetValue(iv.PlanCode, out var fee))
        {
            lines.Add(new LineKey(StatementCategories.Database, iv.SystemId, iv.ResourceId, StatementCategories.DbPlanMonth, "plan-month", fee * multiplier, _monthTicks, note), ticks);
            return;
        }

        var n = (long)iv.Instances;
        if (iv.Running || prices.ChargesWhenStopped("vcpu"))
        {
            lines.Add(new LineKey(StatementCategories.Compute, iv.SystemId, iv.ResourceId, StatementCategories.VcpuHour, "vCPU-hour", prices.VcpuHour * multiplier, TimeSpan.TicksPerHour, note), iv.Vcpu * n * ticks);
        }

        if (iv.Running || prices.ChargesWhenStopped("memory"))
        {
            lines.Add(new LineKey(StatementCategories.Compute, iv.SystemId, iv.ResourceId, StatementCategories.MemoryGibHour, "GiB-hour", prices.MemoryGibHour * multiplier, TimeSpan.TicksPerHour, note), iv.MemoryGib * n * ticks);
        }

        if (iv.Running || prices.ChargesWhenStopped("storage"))
        {
            lines.Add(new LineKey(StatementCategories.Storage, iv.SystemId, iv.ResourceId, StatementCategories.StorageGibMonth, "GiB-month", prices.StorageGibMonth * multiplier, _monthTicks, note), iv.StorageGib * n * ticks);
        }
    }

    /// <summary>Imported usage is rated with the card in force at the start of its month (it has no finer time).</summary>
    public StatementLine? RateImported(string systemId, string meter, string unit, decimal quantity)
    {
        var card = Timeline.At(Month.Start);
        if (card is null || !card.Prices.Meters.TryGetValue(meter, out var price))
        {
            return new StatementLine(StatementCategories.Imported, systemId, null, meter, quantity, unit, 0m, 0m, "unpriced: no card price for this meter");
        }

        return new StatementLine(StatementCategories.Imported, systemId, null, meter, quantity, unit, price.Price, Money.Round(quantity * price.Price),
            string.Create(CultureInfo.InvariantCulture, $"card v{card.Version}"));
    }

    private string Note(RateCard card, string tier, decimal multiplier)
    {
        if (!_notes.TryGetValue((card.Version, tier), out var note))
        {
            note = string.Create(CultureInfo.InvariantCulture, $"card v{card.Version}, {tier} x{multiplier}");
            _notes[(card.Version, tier)] = note;
        }

        return note;
    }
}
