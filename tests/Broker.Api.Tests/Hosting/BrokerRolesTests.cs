using Broker.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace Broker.Api.Tests.Hosting;

/// <summary>Which part of the broker a process runs, read from <c>Broker:Role</c> before anything is composed.</summary>
public sealed class BrokerRolesTests
{
    [Theory]
    [InlineData(null, BrokerRole.All)]
    [InlineData("", BrokerRole.All)]
    [InlineData("all", BrokerRole.All)]
    [InlineData("Silo", BrokerRole.Silo)]
    [InlineData(" api ", BrokerRole.Api)]
    public void The_three_roles_are_read_case_insensitively_and_all_is_the_default(string? value, BrokerRole expected)
    {
        Assert.Equal(expected, BrokerRoles.Parse(value));
    }

    [Theory]
    [InlineData(BrokerRole.All, true, true)]
    [InlineData(BrokerRole.Silo, true, false)]
    [InlineData(BrokerRole.Api, false, true)]
    public void Only_all_and_silo_host_grains_and_only_all_and_api_serve_the_api(BrokerRole role, bool grains, bool api)
    {
        Assert.Equal(grains, role.HostsGrains());
        Assert.Equal(api, role.ServesApi());
    }

    [Fact]
    public void An_unknown_role_is_refused_with_the_accepted_values()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => BrokerRoles.Parse("gateway"));
        Assert.Equal("Broker:Role must be 'all', 'silo' or 'api' (was 'gateway').", refused.Message);
    }

    [Fact]
    public void The_retired_orleans_mode_setting_is_refused_rather_than_silently_ignored()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Broker:Orleans:Mode"] = "client" }).Build();
        var refused = Assert.Throws<InvalidOperationException>(() => BrokerRoles.From(configuration));
        Assert.Contains("Broker:Role", refused.Message, StringComparison.Ordinal);
        Assert.Contains("client is 'api'", refused.Message, StringComparison.Ordinal);
    }
}
