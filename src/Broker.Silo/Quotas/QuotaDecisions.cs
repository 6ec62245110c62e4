using Broker.Contracts.Quotas;

namespace Broker.Silo.Quotas;

/// <summary>Pure admission arithmetic; the grain orchestrates, these decide.</summary>
public static class QuotaDecisions
{
    /// <summary>
    /// Every dimension of <paramref name="request"/> that does not fit into <c>limit - used - reserved</c>.
    /// Empty means the whole vector fits; a lowered limit (use above limit) leaves nothing available, never less than zero.
    /// </summary>
    public static IReadOnlyList<Shortfall> Shortfalls(QuotaVector limits, QuotaVector used, QuotaVector reserved, QuotaVector request)
    {
        List<Shortfall>? shortfalls = null;
        foreach (var (dimension, requested) in request.Amounts)
        {
            var available = Math.Max(0, limits[dimension] - used[dimension] - reserved[dimension]);
            if (requested > available)
            {
                (shortfalls ??= []).Add(new Shortfall(dimension, requested, available, requested - available));
            }
        }

        return shortfalls ?? (IReadOnlyList<Shortfall>)[];
    }

    /// <summary>True when <c>used + reserved &lt;= limit</c> holds in every dimension that has use or holds.</summary>
    public static bool WithinLimits(QuotaVector limits, QuotaVector used, QuotaVector reserved) =>
        used.Add(reserved).Amounts.All(pair => pair.Value <= limits[pair.Key]);
}
