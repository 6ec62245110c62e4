using Broker.Contracts.Common;

namespace Broker.Silo.Systems;

/// <summary>
/// What a pure decision in <see cref="SystemDecisions"/> concluded: a refusal, nothing to change (the same request
/// again), or the next state with the audit action that names the change.
/// </summary>
public sealed record SystemDecision(SystemData? Next, BrokerError? Error, string? Action)
{
    public static readonly SystemDecision Unchanged = new(null, null, null);

    public static SystemDecision Refused(BrokerError error) => new(null, error, null);

    public static SystemDecision Changed(SystemData next, string action) => new(next, null, action);
}
