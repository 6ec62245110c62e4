namespace Broker.Silo.Chargeback;

/// <summary>Finance views, budget alerts, consolidation savings and the chargeback gauges (<c>Broker:Chargeback</c>).</summary>
public sealed class ChargebackOptions
{
    public const string SectionName = "Broker:Chargeback";

    /// <summary>
    /// Shares of the budget to date at which a department is flagged, e.g. 0.8 and 1.0. Empty means
    /// <see cref="DefaultAlertThresholds"/>: the configuration binder appends list items to defaults, so defaults cannot
    /// live in the list itself.
    /// </summary>
    public List<decimal> BudgetAlertThresholds { get; set; } = [];

    public static readonly decimal[] DefaultAlertThresholds = [0.8m, 1.0m];

    /// <summary>How often the gauges are recomputed; a scrape only reads the last values.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest month range a trend or savings request may span.</summary>
    public int MaxMonths { get; set; } = 36;

    public SavingsOptions Savings { get; set; } = new();

    public IReadOnlyList<decimal> AlertThresholds =>
        BudgetAlertThresholds.Count == 0 ? DefaultAlertThresholds : [.. BudgetAlertThresholds.Distinct().Order()];
}
