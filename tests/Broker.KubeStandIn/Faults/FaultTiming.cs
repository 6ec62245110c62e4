namespace Broker.KubeStandIn.Faults;

/// <summary>When an injected failure replaces the answer.</summary>
public enum FaultTiming
{
    /// <summary>The request fails without touching stored state (an overloaded or unreachable server).</summary>
    BeforeHandling,

    /// <summary>
    /// The request is carried out, then the client gets the failure anyway (a timeout after the write landed):
    /// what a provisioner's retries must be idempotent against.
    /// </summary>
    AfterHandling,
}
