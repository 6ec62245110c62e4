using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class OptionsAndRegistrationTests
{
    private const string Section = SimulatedMachineRoomOptions.SectionName;

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var options = new SimulatedMachineRoomOptions
        {
            HostGroups =
            [
                Group("Rack_A", 0, vcpu: 0, cpuOvercommit: 0.5),
                Group("dup", 1),
                Group("dup", 1, cpuOvercommit: double.NaN),
            ],
            ProvisioningDelay = TimeSpan.FromSeconds(-1),
            FailureRate = 1.5,
        };

        var result = new SimulatedMachineRoomOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                $"{Section}:HostGroups:0:Name 'Rack_A' must match ^[a-z]([a-z0-9-]{{0,40}}[a-z0-9])?\\z.",
                $"{Section}:HostGroups:0:Count must be between 1 and 9999.",
                $"{Section}:HostGroups:0: Vcpu, MemoryGib and StorageGib must be positive.",
                $"{Section}:HostGroups:0:CpuOvercommit must be between 1 and 64.",
                $"{Section}:HostGroups:2:CpuOvercommit must be between 1 and 64.",
                $"{Section}:HostGroups: group name 'dup' is listed twice.",
                $"{Section}:ProvisioningDelay must be between zero and one day.",
                $"{Section}:FailureRate must be between 0 and 1.",
            ],
            result.Failures);
    }

    [Fact]
    public void A_room_built_directly_from_invalid_options_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            new SimulatedMachineRoom(Options.Create(new SimulatedMachineRoomOptions()), new FakeTimeProvider()));

        Assert.Equal([$"{Section}:HostGroups must list at least one host group."], error.Failures);
    }

    [Fact]
    public async Task The_extension_binds_the_section_and_registers_one_room_as_itself_and_as_the_provisioner()
    {
        var clock = new FakeTimeProvider();
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSimulatedMachineRoom(Config(
                ($"{Section}:HostGroups:0:Name", "rack"), ($"{Section}:HostGroups:0:Count", "2"), ($"{Section}:HostGroups:0:Vcpu", "32"),
                ($"{Section}:HostGroups:0:MemoryGib", "256"), ($"{Section}:HostGroups:0:StorageGib", "4096"), ($"{Section}:HostGroups:0:CpuOvercommit", "1.5"),
                ($"{Section}:ProvisioningDelay", "00:00:12"), ($"{Section}:FailureRate", "0.25"), ($"{Section}:Seed", "9")))
            .AddSimulatedMachineRoom(Config()) // a second call adds nothing
            .BuildServiceProvider();

        var room = services.GetRequiredService<SimulatedMachineRoom>();
        var options = services.GetRequiredService<IOptions<SimulatedMachineRoomOptions>>().Value;

        Assert.Same(room, Assert.Single(services.GetServices<IProvisioner>()));
        Assert.Equal(("simulated", true), (room.Name, room.IsSimulated));
        Assert.Equal((TimeSpan.FromSeconds(12), 0.25, 9), (options.ProvisioningDelay, options.FailureRate, options.Seed));
        var capacity = room.GetCapacity();
        Assert.Equal(["rack-01", "rack-02"], capacity.Hosts.Select(h => h.Host));
        Assert.Equal(new CapacityAmounts(96, 512, 8192), capacity.Total.Allocatable);
        await room.ApplyAsync(Vm("vm-1"));
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(ObservedPhase.Pending, (await room.ObserveAsync("vm-1")).Phase); // the registered clock drives the room
    }

    [Fact]
    public void Without_configured_hosts_the_room_gets_eight_hosts_of_64_vcpu_512_gib_and_8_tib_at_4_to_1()
    {
        using var services = new ServiceCollection().AddSimulatedMachineRoom(Config()).BuildServiceProvider();

        var capacity = services.GetRequiredService<SimulatedMachineRoom>().GetCapacity();

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"general-0{i}"), capacity.Hosts.Select(h => h.Host));
        Assert.All(capacity.Hosts, h => Assert.Equal(
            new CapacityFigures(new(64, 512, 8192), new(256, 512, 8192), CapacityAmounts.Zero, new(256, 512, 8192)), h.Figures));
    }

    [Fact]
    public async Task A_host_with_invalid_configuration_does_not_start_and_names_every_problem()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{Section}:HostGroups:0:Name"] = "rack",
            [$"{Section}:HostGroups:0:Count"] = "1",
            [$"{Section}:HostGroups:0:Vcpu"] = "16",
            [$"{Section}:HostGroups:0:MemoryGib"] = "64",
            [$"{Section}:HostGroups:0:StorageGib"] = "0",
            [$"{Section}:FailureRate"] = "2",
        });
        builder.Services.AddSimulatedMachineRoom(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("StorageGib must be positive", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("FailureRate", StringComparison.Ordinal));
    }
}
