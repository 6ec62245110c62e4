namespace Broker.Silo.Hosting;

/// <summary>How this process takes part in the Orleans cluster.</summary>
public sealed class BrokerOrleansOptions
{
    public const string SectionName = "Broker:Orleans";

    /// <summary><c>cohosted</c> (default): the API process is also a silo. <c>client</c>: it calls an external silo cluster.</summary>
    public string Mode { get; set; } = "cohosted";

    public string ClusterId { get; set; } = "broker";

    public string ServiceId { get; set; } = "broker";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public bool IsClient => string.Equals(Mode, "client", StringComparison.OrdinalIgnoreCase);
}
