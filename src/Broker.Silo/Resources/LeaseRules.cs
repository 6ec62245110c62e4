using System.Globalization;
using Broker.Contracts.Common;

namespace Broker.Silo.Resources;

/// <summary>
/// What a lease end may be. Clients send any offset (<c>+08:00</c> is what the city's clocks say); the broker keeps the
/// same instant in UTC, since PostgreSQL's timestamptz parameters take offset zero only and a non-UTC value failed the
/// journal write after the order was already decided. A date must lie after now and within
/// <see cref="ProvisioningOptions.MaxLeaseAhead"/>: <c>9999-12-31</c> left no room for the warning and grace arithmetic
/// and broke the lease sweep on every tick.
/// </summary>
public static class LeaseRules
{
    /// <summary>The lease end in UTC, or the refusal naming <c>leaseEnd</c>; null stays null (no lease).</summary>
    public static (DateTimeOffset? End, BrokerError? Error) Check(DateTimeOffset? requested, DateTimeOffset now, TimeSpan maxAhead)
    {
        if (requested is not { } end)
        {
            return (null, null);
        }

        var utc = end.ToUniversalTime();
        if (utc <= now)
        {
            return (null, new BrokerError(BrokerErrorKind.Invalid, "lease.in-the-past", "leaseEnd"));
        }

        var latest = now.ToUniversalTime() + maxAhead;
        return utc > latest
            ? (null, new BrokerError(BrokerErrorKind.Invalid, "lease.out-of-range", "leaseEnd", latest.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            : (utc, null);
    }

    /// <summary>
    /// <paramref name="at"/> moved by <paramref name="span"/>, held at the ends of the calendar instead of throwing: a
    /// lease stored before the range was enforced must not stop the sweeper from reconciling its resource.
    /// </summary>
    public static DateTimeOffset Shift(DateTimeOffset at, TimeSpan span)
    {
        var utc = at.ToUniversalTime();
        if (span > TimeSpan.Zero && DateTimeOffset.MaxValue - utc < span)
        {
            return DateTimeOffset.MaxValue;
        }

        return span < TimeSpan.Zero && utc - DateTimeOffset.MinValue < span.Duration() ? DateTimeOffset.MinValue : utc + span;
    }
}
