namespace Broker.Silo.Sla;

/// <summary>
/// One transition of a resource's journal as attainment needs it: when, the state after it (wire text: <c>ready</c>,
/// <c>updating</c>, <c>stopped</c>, <c>failed</c>, …) and, for a change under way, whether it runs afterwards (a stop is
/// an update to not running).
/// </summary>
public sealed record LifecycleStep(DateTimeOffset At, string State, bool Running = true);
