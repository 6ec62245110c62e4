namespace Broker.Silo.Hosting;

/// <summary>
/// The broker's business clock: reservation expiry, leases, escalation, month boundaries. Kept apart from the
/// <see cref="TimeProvider"/> that Orleans and ASP.NET use for their own timers and health checks, so that a test can
/// move business time forward by days without making the cluster believe its silos stopped answering.
/// </summary>
public sealed class BrokerClock(TimeProvider provider)
{
    public static BrokerClock System { get; } = new(TimeProvider.System);

    public TimeProvider Provider { get; } = provider;

    public DateTimeOffset GetUtcNow() => Provider.GetUtcNow();
}
