namespace Broker.Api.Hosting;

/// <summary>What one broker process runs; the same binary plays each (docs/cluster.md).</summary>
public enum BrokerRole
{
    /// <summary><c>all</c> (default, <c>./run.sh</c>): a silo and the HTTP API in one process.</summary>
    All,

    /// <summary><c>silo</c>: grains and the background work that drives them; no public HTTP, only the management port.</summary>
    Silo,

    /// <summary><c>api</c>: the HTTP API as an Orleans client of the silo cluster; no grains.</summary>
    Api,
}
