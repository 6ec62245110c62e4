using System.Globalization;

namespace Broker.Drills.Tests.Harness;

/// <summary>
/// The environment of a broker container in a drill: the shared contract of issue 15 (<c>Broker__Role</c>, ports 8080,
/// 8081, 11111, 30000, <c>ConnectionStrings__Broker</c>) plus what each drill tunes. Kept in one place so that the
/// figures in docs/reliability.md say which settings produced them.
/// </summary>
public static class DrillBrokerSettings
{
    public const string ClusterId = "drill";
    public const string KeyDirectory = "/etc/broker/keys";
    public const int HttpPort = 8080;
    public const int ManagementPort = 8081;

    /// <summary>
    /// Orleans membership as tuned for the churn target (a dead silo's departments answer again within 10 s). Each probe
    /// round costs a message per probed silo every <c>ProbeTimeout</c>; two missed probes of 3 s declare a silo dead
    /// after about 6 s, at the price of declaring a silo dead that stalls (a long GC pause, a starved node) for 6 s.
    /// 2 s probes were tried first: on this 2-core machine shared with builds, healthy silos missed them and the
    /// cluster declared its own members dead under load (docs/reliability.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Membership = new Dictionary<string, string>
    {
        ["Broker__Orleans__Membership__ProbeTimeout"] = "00:00:03",
        ["Broker__Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Broker__Orleans__Membership__NumVotesForDeathDeclaration"] = "2",
        ["Broker__Orleans__Membership__TableRefreshTimeout"] = "00:00:10",
    };

    /// <summary>
    /// For drills that restart or add silos under load (churn, rolling upgrade): a new process's first connection also
    /// loads PostgreSQL's type catalogue, which a saturated server did not answer within the 4 s of <see cref="For"/>
    /// for minutes, so the silo never became Active. 15 s (the broker's default is 30 s) lets it through; a request may
    /// then wait up to 15 s for a pooled connection. The outage drill keeps 4 s: it measures refusals within 5 s.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PatientConnections = new Dictionary<string, string>
    {
        ["Broker__Storage__Connections__AcquireTimeout"] = "00:00:15",
    };

    public static Dictionary<string, string> For(string role, string address, string connectionString)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Broker"] = connectionString,
            ["Broker__Role"] = role,
            ["Broker__Orleans__ClusterId"] = ClusterId,
            ["Broker__Orleans__ServiceId"] = "broker",
            // The address is fixed by the drill's network (DrillNetwork), so a restarted container comes back at it.
            ["Broker__Orleans__AdvertisedAddress"] = address,
            ["Broker__Orleans__SiloPort"] = "11111",
            ["Broker__Orleans__GatewayPort"] = "30000",
            ["Broker__Auth__SigningKeyFile"] = KeyDirectory + "/jwt-signing.key",
            // The demo catalog (the plans the load orders) is seeded where grains live: by the silos, idempotently.
            ["Broker__Demo__Seed"] = role == "silo" ? "true" : "false",
            ["Broker__Provisioning__Simulated__ProvisioningDelay"] = "00:00:01",
            // Six broker processes at most (three silos, a replacement during the upgrade, the API, one spare) share a
            // server started with max_connections=300: 6 x (24 + 8 + 4) + 20 <= 300.
            ["Broker__Storage__Connections__ServerMaxConnections"] = "300",
            ["Broker__Storage__Connections__Processes"] = "6",
            ["Broker__Storage__Connections__Broker"] = "24",
            ["Broker__Storage__Connections__Orleans"] = "8",
            // A caller waits at most this long for a pooled connection or a new one: with PostgreSQL paused, requests
            // fail in seconds (503) instead of queueing for the 30 s default.
            ["Broker__Storage__Connections__AcquireTimeout"] = "00:00:04",
            ["Broker__RateLimits__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            // Membership changes (who suspected whom, who was declared dead) and the API's gateway list are few lines and
            // what a drill's log is read for (ClusterLogs keeps them).
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
            ["Logging__LogLevel__Orleans.Messaging.GatewayManager"] = "Information",
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://0.0.0.0:{HttpPort}"),
        };
        foreach (var (key, value) in Membership)
        {
            settings[key] = value;
        }

        return settings;
    }
}
