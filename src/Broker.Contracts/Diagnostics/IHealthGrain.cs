namespace Broker.Contracts.Diagnostics;

/// <summary>A stateless grain the readiness probe calls: an answer proves a silo is active and reachable from here.</summary>
[Alias("broker.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<string> PingAsync();
}
