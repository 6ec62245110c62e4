using Broker.Contracts.Common;

namespace Broker.Silo.Orders;

/// <summary>
/// A decision on an existing order: the next state with the audit action that records it, nothing to do (a repeat:
/// <see cref="Next"/> null without an error), or the refusal.
/// </summary>
public sealed record OrderChange(OrderData? Next, string? Action, BrokerError? Error)
{
    public static readonly OrderChange Unchanged = new(null, null, null);

    public static OrderChange Refused(BrokerErrorKind kind, string code, string? field = null, string? detail = null) =>
        new(null, null, new BrokerError(kind, code, field, detail));
}
