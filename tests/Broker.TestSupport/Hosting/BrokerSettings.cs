namespace Broker.TestSupport.Hosting;

/// <summary>
/// The configuration a broker needs in a test: its database, private ports, a signing key and the standard quota
/// dimensions, as flat keys usable both in-process and as environment variables of a child process.
/// </summary>
public static class BrokerSettings
{
    public static Dictionary<string, string?> For(string connectionString, string signingKeyFile, int siloPort, int gatewayPort, string clusterId = "broker-test")
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Broker"] = connectionString,
            ["Broker:Role"] = "all",
            ["Broker:Orleans:ClusterId"] = clusterId,
            ["Broker:Orleans:ServiceId"] = "broker",
            ["Broker:Orleans:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:Orleans:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Broker:Auth:Issuer"] = "broker-local",
            ["Broker:Auth:Audience"] = "broker",
            ["Broker:Auth:SigningKeyFile"] = signingKeyFile,
            // Resources become ready on their first reconciliation; tests that need a delay set one.
            ["Broker:Provisioning:Simulated:ProvisioningDelay"] = "00:00:00",
        };
        string[][] dimensions =
        [
            ["vcpu", "vCPU", "虚拟CPU", "Virtual CPUs"],
            ["memory_gib", "GiB", "内存", "Memory"],
            ["storage_gib", "GiB", "存储", "Storage"],
            ["vms", "个", "虚拟机", "Virtual machines"],
            ["databases", "个", "数据库", "Databases"],
        ];
        for (var i = 0; i < dimensions.Length; i++)
        {
            settings[$"Broker:Quota:Dimensions:{i}:Name"] = dimensions[i][0];
            settings[$"Broker:Quota:Dimensions:{i}:Unit"] = dimensions[i][1];
            settings[$"Broker:Quota:Dimensions:{i}:NameZh"] = dimensions[i][2];
            settings[$"Broker:Quota:Dimensions:{i}:NameEn"] = dimensions[i][3];
        }

        return settings;
    }

    /// <summary>The same settings as environment variables (<c>:</c> becomes <c>__</c>).</summary>
    public static Dictionary<string, string?> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
}
