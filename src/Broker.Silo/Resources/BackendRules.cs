using Broker.Contracts.Common;
using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>
/// A resource keeps the backend it was created on. When that backend is no longer configured (its settings removed, a
/// silo started without them) nothing may act on the resource through another one: the simulated room answering for a
/// Kubernetes VM would report it deleted and release its quota while the VM still runs. So the resource goes
/// <c>failed</c> naming the backend, and operations that would reach the backend are refused until the configuration is
/// restored (then retry or delete work again).
/// </summary>
public static class BackendRules
{
    public const string NotConfiguredCode = "resource.backend-not-configured";

    /// <summary>True when a resource on an unconfigured backend must now be recorded as failed.</summary>
    public static bool MustFail(ResourceData data, bool backendConfigured) =>
        data.Exists && !backendConfigured && data.State is not (ResourceState.PendingApproval or ResourceState.Failed or ResourceState.Deleted);

    /// <summary>The failure recorded on the resource (shown as its failure reason and in the audit trail).</summary>
    public static ResourceFailed Failure(string backend, DateTimeOffset now) =>
        new(now, $"backend.not-configured: the backend '{backend}' this resource was created on is not configured");

    /// <summary>The answer to an operation that would have to reach the unconfigured backend: 409 naming it.</summary>
    public static BrokerError Refusal(string backend) => new(BrokerErrorKind.Conflict, NotConfiguredCode, "backend", backend);
}
