using System.Net;
using Broker.Silo.Hosting;

namespace Broker.Silo.Tests.Hosting;

/// <summary>Which address a silo puts in the membership table for others to reach it at.</summary>
public sealed class AdvertisedAddressTests
{
    private static readonly IPAddress[] Host = [IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("fe80::1"), IPAddress.Parse("10.1.2.3"), IPAddress.Parse("10.9.9.9")];

    [Fact]
    public void A_configured_address_is_used_as_it_is_whatever_the_pod_ip()
    {
        Assert.Equal(IPAddress.Loopback, AdvertisedAddress.Resolve("127.0.0.1", "10.0.0.7", Host));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("AUTO")]
    [InlineData("")]
    [InlineData(null)]
    public void Auto_or_empty_takes_the_pod_ip_when_kubernetes_sets_one(string? configured)
    {
        Assert.Equal(IPAddress.Parse("10.0.0.7"), AdvertisedAddress.Resolve(configured, "10.0.0.7", Host));
    }

    [Fact]
    public void Auto_without_a_pod_ip_takes_the_first_non_loopback_ipv4_of_the_host()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), AdvertisedAddress.Resolve("auto", null, Host));
    }

    [Fact]
    public void Auto_on_a_host_with_only_loopback_and_ipv6_refuses_to_start_and_says_what_to_set()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.Resolve("auto", "", [IPAddress.Loopback, IPAddress.IPv6Loopback]));
        Assert.Contains("Broker:Orleans:AdvertisedAddress", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_ip_that_is_no_address_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.Resolve("auto", "pod-7", Host));
        Assert.Contains("POD_IP", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_value_that_is_no_address_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.Resolve("silo-0.broker", null, Host));
        Assert.Contains("Broker:Orleans:AdvertisedAddress", refused.Message, StringComparison.Ordinal);
    }
}
