using Broker.Contracts.Common;
using Broker.Contracts.Systems;
using Broker.Silo.Storage;
using Broker.Silo.Systems;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Broker.Silo.Tests.Systems.SystemBuilders;
using static Broker.Silo.Tests.Tenancy.Departments;

namespace Broker.Silo.Tests.Systems;

public sealed class SystemDurabilityTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Registration_review_and_allocations_are_there_after_a_silo_restart()
    {
        var department = NewCode("sys-restart");
        var key = new SystemKey(department, "fund-core");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        string before;
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time))
        {
            await CreateAsync(silo.Grains, department, V(vcpu: 64));
            var grain = silo.Grains.GetSystem(key);
            await grain.RegisterAsync(Registration(category: SystemCategory.InternalCollaboration, justification: "与公积金专网业务深度耦合"), Member);
            time.Advance(TimeSpan.FromDays(3));
            await grain.ReviewAsync(Approve(V(vcpu: 16, memory: 64), exemption: "评审会同意", period: EnvelopePeriod.Total), Reviewer);
            await grain.AllocateAsync("order-1", V(vcpu: 4, memory: 16));
            await grain.AllocateAsync("order-2", V(vcpu: 8, memory: 16));
            await grain.DeallocateAsync("order-1");
            before = BrokerJson.Serialize(await grain.GetAsync());
        }

        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time))
        {
            var grain = silo.Grains.GetSystem(key);
            var view = await grain.GetAsync();

            Assert.Equal(before, BrokerJson.Serialize(view));
            Assert.Equal(SystemReviewStatus.Approved, view!.Status);
            Assert.Equal("评审会同意", view.ExemptionReason);
            Assert.Equal(V(vcpu: 8, memory: 16), view.Allocated);
            // Idempotency survives the restart: the same allocation again counts nothing more.
            await grain.AllocateAsync("order-2", V(vcpu: 8, memory: 16));
            Assert.Equal(V(vcpu: 8, memory: 16), (await grain.GetAsync())!.Allocated);
            Assert.False((await grain.CheckOrderAsync(V(vcpu: 9))).WithinEnvelope);
            Assert.True((await grain.CheckOrderAsync(V(vcpu: 8))).WithinEnvelope);

            var listed = Assert.Single(await silo.Services.GetRequiredService<SystemDirectory>().ListAsync(department, null, null, null, null, 10));
            Assert.Equal((SystemReviewStatus.Approved, SystemCategory.InternalCollaboration, view.UpdatedAt), (listed.Status, listed.Category, listed.UpdatedAt));
        }
    }
}
