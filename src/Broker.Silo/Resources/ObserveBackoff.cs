namespace Broker.Silo.Resources;

/// <summary>
/// How long a converging resource's timer waits between observations: <see cref="ProvisioningOptions.FirstObserveDelay"/>
/// after new work, twice as long after each tick, up to <see cref="ProvisioningOptions.ObserveInterval"/>. A VM that is
/// ready a moment after its apply is seen then, not a whole interval later.
/// </summary>
public sealed class ObserveBackoff(ProvisioningOptions options)
{
    public TimeSpan First =>
        options.FirstObserveDelay > TimeSpan.Zero && options.FirstObserveDelay < options.ObserveInterval ? options.FirstObserveDelay : options.ObserveInterval;

    public TimeSpan Current { get; private set; }

    /// <summary>Back to the first delay; true when that changed it (the timer must be told).</summary>
    public bool Restart()
    {
        var changed = Current != First;
        Current = First;
        return changed;
    }

    /// <summary>After a tick: twice as long, up to the interval; true when that changed it.</summary>
    public bool Lengthen()
    {
        if (Current >= options.ObserveInterval)
        {
            return false;
        }

        Current = Current * 2 < options.ObserveInterval ? Current * 2 : options.ObserveInterval;
        return true;
    }
}
