using Broker.Provisioners.Contract;

namespace Broker.Silo.Hosting;

/// <summary>
/// Points on the order and resource paths where a test may step in: the crash tests kill the process at them, exactly
/// between a write and the next, to prove that nothing acknowledged is lost and nothing is counted twice. Production
/// registers no implementation, and then the broker neither looks for one again nor wraps anything; the one
/// implementation is the crash test host's (tests/Broker.CrashHost), registered only there.
/// </summary>
public interface IPathHooks
{
    /// <summary>
    /// The backend as resources will use it, called once per configured backend when the backends are wired
    /// (<see cref="Resources.ProvisionerSelector"/>); return <paramref name="backend"/> itself to leave it alone.
    /// </summary>
    IProvisioner Backend(IProvisioner backend);

    /// <summary>A new order's row is durable; its hand-off to its resources has not started.</summary>
    void OrderPlaced(string orderId);
}
