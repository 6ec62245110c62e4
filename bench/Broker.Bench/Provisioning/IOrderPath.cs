namespace Broker.Bench.Provisioning;

/// <summary>One way of taking one-VM orders to ready: the broker, or the minimal durable controller it is weighed against.</summary>
public interface IOrderPath
{
    /// <summary>Places one order for one VM and returns when the placer would answer its caller; its latency is the one measured.</summary>
    Task PlaceAsync(string department, string orderId);

    /// <summary>How many VMs of orders whose id starts with <paramref name="orderPrefix"/> are ready, and when the last became so.</summary>
    Task<ReadyTally> ReadyAsync(string orderPrefix);
}
