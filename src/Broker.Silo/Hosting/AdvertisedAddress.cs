using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Broker.Silo.Hosting;

/// <summary>
/// The address a silo gives the membership table for others to reach it at. On Kubernetes that is the pod's IP (the
/// downward API puts it in <c>POD_IP</c>); in a plain container, the one interface it has.
/// </summary>
public static class AdvertisedAddress
{
    public const string Auto = "auto";
    public const string PodIpVariable = "POD_IP";

    /// <summary>True for the values that ask for <see cref="Resolve"/> to choose.</summary>
    public static bool IsAuto(string? configured) =>
        string.IsNullOrWhiteSpace(configured) || string.Equals(configured.Trim(), Auto, StringComparison.OrdinalIgnoreCase);

    /// <summary>The configured address; for auto, <paramref name="podIp"/>, else the first non-loopback IPv4 of <paramref name="host"/>.</summary>
    public static IPAddress Resolve(string? configured, string? podIp, IEnumerable<IPAddress> host)
    {
        if (!IsAuto(configured))
        {
            return IPAddress.TryParse(configured!.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"{BrokerOrleansOptions.SectionName}:AdvertisedAddress must be an IP address or '{Auto}' (was '{configured}').");
        }

        if (!string.IsNullOrWhiteSpace(podIp))
        {
            return IPAddress.TryParse(podIp.Trim(), out var pod)
                ? pod
                : throw new InvalidOperationException($"{PodIpVariable} must be an IP address (was '{podIp}').");
        }

        return host.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException(
                $"{BrokerOrleansOptions.SectionName}:AdvertisedAddress is '{Auto}' but neither {PodIpVariable} is set nor has this host a non-loopback IPv4 address; set one.");
    }

    /// <summary>This process's address as <see cref="Resolve"/> chooses it from its environment and interfaces.</summary>
    public static IPAddress ForThisHost(string? configured) =>
        Resolve(configured, Environment.GetEnvironmentVariable(PodIpVariable), IsAuto(configured) ? HostAddresses() : []);

    /// <summary>The unicast addresses of the interfaces that are not down, in the order the OS lists them.</summary>
    private static IEnumerable<IPAddress> HostAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus != OperationalStatus.Down) // virtual interfaces may report Unknown
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address);
}
