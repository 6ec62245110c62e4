using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Audit;
using Broker.Silo.Systems;
using Broker.Silo.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Broker.Silo.Tests.Systems.SystemBuilders;
using static Broker.Silo.Tests.Tenancy.Departments;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Systems;

public sealed class SystemGrainTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private IGrainFactory Grains => fixture.Silo.Grains;

    private SystemDirectory Directory => fixture.Silo.Services.GetRequiredService<SystemDirectory>();

    private AuditLog Audit => fixture.Silo.Services.GetRequiredService<AuditLog>();

    [Fact]
    public async Task A_registration_is_stored_listed_and_audited_before_the_answer()
    {
        var (department, grain, id) = await NewSystemAsync();

        var result = await grain.RegisterAsync(Registration(), Member);

        Assert.Null(result.Error);
        Assert.Equal(SystemReviewStatus.Proposed, result.System!.Status);
        Assert.Equal((department, id), (result.System.Department, result.System.Id));
        Assert.Equal(fixture.Silo.Time.GetUtcNow(), result.System.CreatedAt);
        var listed = Assert.Single(await Directory.ListAsync(department, null, null, null, null, 10));
        Assert.Equal(new SystemSummary(department, id, "住房公积金业务系统", SystemCategory.BusinessApplication, 2, SystemReviewStatus.Proposed,
            NetworkZone.Extranet, DataSharingScope.Department, true, result.System.CreatedAt, result.System.UpdatedAt), listed);
        var audit = Assert.Single(await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id)));
        Assert.Equal(("system.registered", Member.Subject), (audit.Action, audit.Actor));
        Assert.Null(audit.Before);
        Assert.Equal("住房公积金业务系统", audit.After!.Value.GetProperty("registration").GetProperty("name").GetString());

        var again = await grain.RegisterAsync(Registration(), Member);
        Assert.Null(again.Error);
        Assert.Single(await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id)));
    }

    [Fact]
    public async Task Nothing_is_stored_for_an_invalid_registration_an_unknown_department_or_a_bad_key()
    {
        var (department, grain, id) = await NewSystemAsync();

        var invalid = await grain.RegisterAsync(Registration(tier: 9), Member);
        var noDepartment = await Grains.GetSystem(new SystemKey("no-such-department", id)).RegisterAsync(Registration(), Member);
        var badKey = await Grains.GetGrain<ISystemGrain>($"{department}/Bad_Id").RegisterAsync(Registration(), Member);

        Assert.Equal(new BrokerError(BrokerErrorKind.Invalid, "system.tier-invalid", "omTier"), invalid.Error);
        Assert.Equal(new BrokerError(BrokerErrorKind.NotFound, "department.not-found"), noDepartment.Error);
        Assert.Equal("system.id-invalid", badKey.Error!.Code);
        Assert.Null(await grain.GetAsync());
        Assert.Empty(await Directory.ListAsync(department, null, null, null, null, 10));
    }

    [Fact]
    public async Task Rejected_then_resubmitted_then_approved_with_the_directory_following_every_step()
    {
        var (department, grain, _) = await NewSystemAsync();
        await grain.RegisterAsync(Registration(), Member);

        var rejected = await grain.ReviewAsync(Reject(), Reviewer);
        Assert.Equal(SystemReviewStatus.Rejected, rejected.System!.Status);
        Assert.Equal(SystemReviewStatus.Rejected, (await Directory.ListAsync(department, null, null, null, null, 10))[0].Status);

        var resubmitted = await grain.RegisterAsync(Registration(investment: 2_500_000m), Member);
        Assert.Equal(SystemReviewStatus.Proposed, resubmitted.System!.Status);
        Assert.Single(await Directory.ListAsync(department, SystemReviewStatus.Proposed, null, null, null, 10));

        var approved = await grain.ReviewAsync(Approve(V(vcpu: 16, memory: 64)), Reviewer);
        Assert.Equal(SystemReviewStatus.Approved, approved.System!.Status);
        Assert.Equal(Reviewer.Subject, approved.System.ReviewedBy);
        Assert.Equal(V(vcpu: 16, memory: 64), approved.System.Envelope!.Vector);
        Assert.Empty(await Directory.ListAsync(department, SystemReviewStatus.Proposed, null, null, null, 10));

        var frozen = await grain.RegisterAsync(Registration(investment: 9_000_000m), Member);
        Assert.Equal("system.approved-frozen", frozen.Error!.Code);
        Assert.Equal(2_500_000m, (await grain.GetAsync())!.Registration.BuildInvestmentCny);

        var actions = (await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system"))).Select(a => a.Action).Reverse();
        Assert.Equal(["system.registered", "system.rejected", "system.resubmitted", "system.approved"], actions);
    }

    [Fact]
    public async Task A_system_that_may_not_be_built_separately_needs_a_justification_then_an_exemption()
    {
        var (department, grain, id) = await NewSystemAsync();

        var refused = await grain.RegisterAsync(Registration(category: SystemCategory.PublicService), Member);
        Assert.Equal(new BrokerError(BrokerErrorKind.Conflict, "system.shared-platform.public-service", "category"), refused.Error);
        Assert.Null(await grain.GetAsync());

        await grain.RegisterAsync(Registration(category: SystemCategory.PublicService, justification: "需接入公积金专用自助终端"), Member);
        var noExemption = await grain.ReviewAsync(Approve(V(vcpu: 4)), Reviewer);
        Assert.Equal("system.exemption-required", noExemption.Error!.Code);
        Assert.Equal(SystemReviewStatus.Proposed, (await grain.GetAsync())!.Status);

        var exempted = await grain.ReviewAsync(Approve(V(vcpu: 4), exemption: "评审会议纪要 2026-12 号"), Reviewer);
        Assert.Equal(SystemReviewStatus.Approved, exempted.System!.Status);
        Assert.Equal("评审会议纪要 2026-12 号", exempted.System.ExemptionReason);
        var audit = (await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id)))[0];
        Assert.Equal("system.approved", audit.Action);
        Assert.Equal("评审会议纪要 2026-12 号", audit.After!.Value.GetProperty("exemptionReason").GetString());
    }

    [Fact]
    public async Task Orders_are_checked_against_the_envelope_and_allocations_count_once_per_id()
    {
        var (department, grain, id) = await NewSystemAsync();
        Assert.Equal("system.not-found", (await grain.CheckOrderAsync(V(vcpu: 1))).Refusal!.Code);
        await grain.RegisterAsync(Registration(), Member);
        Assert.Equal("system.not-approved", (await grain.CheckOrderAsync(V(vcpu: 1))).Refusal!.Code);
        await grain.ReviewAsync(Approve(V(vcpu: 8, memory: 32)), Reviewer);

        Assert.True((await grain.CheckOrderAsync(V(vcpu: 6, memory: 8))).WithinEnvelope);
        await grain.AllocateAsync("order-1", V(vcpu: 6, memory: 8));
        await grain.AllocateAsync("order-1", V(vcpu: 6, memory: 8));
        var after = await grain.CheckOrderAsync(V(vcpu: 3));

        Assert.Null(after.Refusal);
        Assert.False(after.WithinEnvelope);
        Assert.True((await grain.CheckOrderAsync(V(vcpu: 2))).WithinEnvelope);
        Assert.Equal(V(vcpu: 6, memory: 8), after.System!.Allocated);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.AllocateAsync("order-1", V(vcpu: 1)));
        Assert.Equal("vector.unknown-dimension", (await grain.CheckOrderAsync(new QuotaVector(new Dictionary<string, long> { ["gpu"] = 1 }))).Refusal!.Code);

        await grain.DeallocateAsync("order-1");
        await grain.DeallocateAsync("order-1");
        Assert.True((await grain.GetAsync())!.Allocated.IsEmpty);
        var actions = (await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id))).Select(a => a.Action).ToList();
        Assert.Equal(1, actions.Count(a => a == "system.allocated"));
        Assert.Equal(1, actions.Count(a => a == "system.deallocated"));
    }

    [Fact]
    public async Task A_write_that_lost_the_version_race_fails_and_the_next_activation_carries_on_from_postgres()
    {
        var (department, grain, id) = await NewSystemAsync();
        await grain.RegisterAsync(Registration(), Member);
        // Another activation (as after a split brain) wrote in between: the stored version moved on.
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var bump = new NpgsqlCommand("update broker.systems set version = version + 1 where department = @d and id = @i", connection);
            bump.Parameters.AddWithValue("d", department);
            bump.Parameters.AddWithValue("i", id);
            Assert.Equal(1, await bump.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAnyAsync<Exception>(() => grain.ReviewAsync(Approve(V(vcpu: 4)), Reviewer));
        Assert.Single(await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id)));

        var retried = await RetryAsync(() => grain.ReviewAsync(Approve(V(vcpu: 4)), Reviewer));
        Assert.Equal(SystemReviewStatus.Approved, retried.System!.Status);
        Assert.Equal(SystemReviewStatus.Approved, (await Directory.ListAsync(department, null, null, null, null, 10))[0].Status);
    }

    [Fact]
    public async Task The_directory_filters_by_status_and_category_and_pages_by_department_and_id()
    {
        var department = NewCode("sys-page");
        await CreateAsync(Grains, department, V(vcpu: 8));
        foreach (var (id, category) in new[] { ("a-web", SystemCategory.DataService), ("b-core", SystemCategory.BusinessApplication), ("c-data", SystemCategory.DataService) })
        {
            Assert.Null((await Grains.GetSystem(new SystemKey(department, id)).RegisterAsync(Registration(category: category), Member)).Error);
        }

        await Grains.GetSystem(new SystemKey(department, "b-core")).ReviewAsync(Reject(), Reviewer);

        var first = await Directory.ListAsync(department, null, null, null, null, 2);
        var second = await Directory.ListAsync(department, null, null, department, first[^1].Id, 2);
        var data = await Directory.ListAsync(department, null, SystemCategory.DataService, null, null, 10);
        var proposed = await Directory.ListAsync(null, SystemReviewStatus.Proposed, null, department, "", 10);

        Assert.Equal(["a-web", "b-core"], first.Select(s => s.Id));
        Assert.Equal(["c-data"], second.Select(s => s.Id));
        Assert.Equal(["a-web", "c-data"], data.Select(s => s.Id));
        Assert.Equal(["a-web", "c-data"], proposed.Where(s => s.Department == department).Select(s => s.Id));
    }

    private async Task<(string Department, ISystemGrain Grain, string Id)> NewSystemAsync()
    {
        var department = NewCode("sys");
        await CreateAsync(Grains, department, V(vcpu: 64, memory: 256));
        var id = NewId("app");
        return (department, Grains.GetSystem(new SystemKey(department, id)), id);
    }

    // The failed activation is deactivated once idle; a caller's retry may still reach it for a moment.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var result = default(T);
        await Eventually(
            async () =>
            {
                try
                {
                    result = await call();
                    return true;
                }
                catch (Exception)
                {
                    return false; // the failed activation answered; the next call reaches a new one
                }
            },
            TimeSpan.FromSeconds(5));
        return result!;
    }
}
