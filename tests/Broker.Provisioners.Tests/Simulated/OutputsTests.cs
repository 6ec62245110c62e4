using System.Net;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class OutputsTests
{
    [Fact]
    public async Task A_vm_reports_its_host_the_simulated_flag_and_an_address_in_the_simulated_range()
    {
        var t = new TestRoom(Group("rack", 1));

        var outputs = (await t.Room.ApplyAsync(Vm("vm-1"))).Outputs;

        Assert.Equal(["host", "ip", "placement", "simulated"], outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("rack-01", "rack-01", "true"), (outputs["host"], outputs["placement"], outputs["simulated"]));
        var address = IPAddress.Parse(outputs["ip"]).GetAddressBytes();
        Assert.Equal(10, address[0]);
        Assert.InRange(address[1], 240, 255);
        Assert.InRange(address[3], 1, 254);
    }

    [Fact]
    public async Task A_vms_address_follows_from_its_id_alone_so_another_room_gives_it_the_same_one()
    {
        var first = new TestRoom(Group("rack", 1));
        var second = new TestRoom(Group("other", 2));
        await second.Room.ApplyAsync(Vm("vm-before"));

        var a = (await first.Room.ApplyAsync(Vm("vm-portal"))).Outputs["ip"];
        var b = (await second.Room.ApplyAsync(Vm("vm-portal"))).Outputs["ip"];
        var other = (await first.Room.ApplyAsync(Vm("vm-other"))).Outputs["ip"];

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public async Task Live_vms_never_share_an_address()
    {
        var t = new TestRoom(Group("rack", 4, vcpu: 4096, memoryGib: 65536, storageGib: 1_000_000));
        var addresses = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            addresses.Add((await t.Room.ApplyAsync(Vm($"vm-{i}", vcpu: 1, memoryGib: 1, storageGib: 1))).Outputs["ip"]);
        }

        Assert.Equal(addresses.Count, addresses.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_database_reports_where_to_connect_and_only_the_name_of_its_credentials_secret()
    {
        var t = new TestRoom(Group("rack", 3));

        var outputs = (await t.Room.ApplyAsync(Database("db-portal", 3))).Outputs;

        Assert.Equal(["credentialsSecret", "database", "host", "placement", "port", "simulated"], outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("rack-01", outputs["host"]);
        Assert.Equal("rack-01,rack-02,rack-03", outputs["placement"]);
        Assert.Equal(("5432", "portal", "db-portal-credentials", "true"), (outputs["port"], outputs["database"], outputs["credentialsSecret"], outputs["simulated"]));
    }
}
