namespace Broker.Silo.Hosting;

/// <summary>How this process takes part in the Orleans cluster (docs/cluster.md). Which part it plays is <c>Broker:Role</c>.</summary>
public sealed class BrokerOrleansOptions
{
    public const string SectionName = "Broker:Orleans";

    public string ClusterId { get; set; } = "broker";

    public string ServiceId { get; set; } = "broker";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at: an IP address, or empty/<c>auto</c> for the
    /// <c>POD_IP</c> environment variable, else the host's first non-loopback IPv4 (<see cref="AdvertisedAddress"/>).
    /// A loopback address also keeps the silo's listeners on loopback; any other makes them listen on every address.
    /// </summary>
    public string AdvertisedAddress { get; set; } = Hosting.AdvertisedAddress.Auto;

    /// <summary>Mutual TLS for silo-to-silo and client-to-gateway connections; off while no directory is set.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>How often an API process re-reads the live gateways from the membership table (Orleans' default: a minute).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an API process waits for a grain's answer before the call fails (and the request gets a 503).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an API process keeps trying to reach a gateway at start (silos may start after it) before it gives up
    /// and exits, for the orchestrator to restart it.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
