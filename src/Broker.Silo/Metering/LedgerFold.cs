using Broker.Silo.Resources;

namespace Broker.Silo.Metering;

/// <summary>
/// Turns a resource's journal into allocation intervals, one event at a time (pure, so every rule is tested without a
/// database). The rules, documented in docs/chargeback.md:
/// <list type="bullet">
/// <item>An interval opens when the resource becomes ready; nothing is charged while it is being approved or provisioned.</item>
/// <item>A resize or a stop/start request (<c>resource.updating</c>) only records what is asked for. The new size takes
/// effect when the backend confirms it: at the next <c>resource.ready</c> (resize, start) or <c>resource.stopped</c>
/// (stop). Until then the department keeps what it had and is charged for it, exactly as quota is squared.</item>
/// <item>A stopped VM gets a <c>running = false</c> interval: rating charges the dimensions the rate card marks as
/// charged when stopped (storage by default) and not compute.</item>
/// <item>A failure changes nothing (what was allocated stays allocated until deleted); <c>resource.deleting</c> closes
/// the open interval (the department gave the resource up), <c>resource.deleted</c> closes it if still open.</item>
/// </list>
/// </summary>
public static class LedgerFold
{
    public static LedgerStep Apply(LedgerState? state, long seq, ResourceEvent e)
    {
        if (e is ResourceCreated created)
        {
            // A creation is seq 1; seeing it again over an existing fold would be a journal defect, so keep the fold.
            return state is not null
                ? new LedgerStep(state, null, null)
                : new LedgerStep(new LedgerState(created.Creation.Department, created.Creation.OwningSystem, LedgerAllocation.From(created.Creation.Spec), true, null, false), null, null);
        }

        if (state is null || state.Gone)
        {
            return new LedgerStep(state, null, null);
        }

        return e switch
        {
            UpdateStarted u => new LedgerStep(state with { Desired = LedgerAllocation.From(u.Spec), DesiredRunning = u.Running }, null, null),
            ResourceBecameReady => TakeEffect(state, seq, e.At, running: true),
            ResourceBecameStopped => TakeEffect(state, seq, e.At, running: false),
            DeletionStarted or ResourceDeleted => Close(state, seq, e.At),
            _ => new LedgerStep(state, null, null),
        };
    }

    private static LedgerStep TakeEffect(LedgerState state, long seq, DateTimeOffset at, bool running)
    {
        var open = state.Open;
        if (open is not null && open.Running == running && open.Allocation == state.Desired)
        {
            return new LedgerStep(state, null, null);
        }

        var close = open is null ? null : new LedgerClose(open.OpenedSeq, seq, Later(open.StartedAt, at));
        var next = new LedgerOpenInterval(seq, close?.EndedAt ?? at, state.Desired, running);
        return new LedgerStep(state with { Open = next, DesiredRunning = running }, close, next);
    }

    private static LedgerStep Close(LedgerState state, long seq, DateTimeOffset at)
    {
        var open = state.Open;
        var close = open is null ? null : new LedgerClose(open.OpenedSeq, seq, Later(open.StartedAt, at));
        return new LedgerStep(state with { Open = null, Gone = true }, close, null);
    }

    // Event times come from the grain's clock; a journal whose times went backwards must not yield a negative interval.
    // The integrity check reports such events as out of sequence.
    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
