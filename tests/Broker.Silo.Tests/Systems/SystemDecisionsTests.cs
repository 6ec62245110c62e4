using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Storage;
using Broker.Silo.Systems;
using static Broker.Silo.Tests.Systems.SystemBuilders;

namespace Broker.Silo.Tests.Systems;

public sealed class SystemDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static QuotaVector V(long vcpu = 0, long memory = 0, long databases = 0) => new(new Dictionary<string, long>
    {
        ["vcpu"] = vcpu,
        ["memory_gib"] = memory,
        ["databases"] = databases,
    });

    private static SystemData Proposed(SystemRegistration? registration = null) =>
        SystemDecisions.Register(SystemData.None, registration ?? Registration(), T0).Next!;

    private static SystemData Approved(QuotaVector envelope) =>
        SystemDecisions.Review(Proposed(), Approve(envelope), "admin", T0.AddHours(1)).Next!;

    [Fact]
    public void A_first_registration_is_proposed_and_the_same_again_changes_nothing()
    {
        var first = SystemDecisions.Register(SystemData.None, Registration(), T0);
        // Equal content in other list instances: records alone would compare the lists by reference.
        var again = SystemDecisions.Register(first.Next!, Registration(entries: ["公积金缴存信息"]), T0.AddMinutes(5));

        Assert.Equal("system.registered", first.Action);
        Assert.Equal(SystemReviewStatus.Proposed, first.Next!.Status);
        Assert.Equal(T0, first.Next.CreatedAt);
        Assert.Same(SystemDecision.Unchanged, again);
    }

    [Fact]
    public void A_proposed_system_is_resubmitted_with_new_content_keeping_its_creation_time()
    {
        var resubmitted = SystemDecisions.Register(Proposed(), Registration(investment: 4_000_000m), T0.AddDays(1));

        Assert.Equal("system.resubmitted", resubmitted.Action);
        Assert.Equal(4_000_000m, resubmitted.Next!.Registration!.BuildInvestmentCny);
        Assert.Equal(T0, resubmitted.Next.CreatedAt);
        Assert.Equal(T0.AddDays(1), resubmitted.Next.UpdatedAt);
    }

    [Theory]
    [InlineData(SystemCategory.PublicService, "system.shared-platform.public-service")]
    [InlineData(SystemCategory.InternalCollaboration, "system.shared-platform.internal-collaboration")]
    [InlineData(SystemCategory.InformationPublishing, "system.shared-platform.information-publishing")]
    public void A_category_that_may_not_be_built_separately_is_refused_without_a_justification(SystemCategory category, string code)
    {
        var refused = SystemDecisions.Register(SystemData.None, Registration(category: category), T0);
        var justified = SystemDecisions.Register(SystemData.None, Registration(category: category, justification: "涉及专用终端，平台暂不支持"), T0);

        Assert.Equal(new BrokerError(BrokerErrorKind.Conflict, code, "category"), refused.Error);
        Assert.Null(refused.Next);
        Assert.Equal(SystemReviewStatus.Proposed, justified.Next!.Status);
    }

    [Fact]
    public void Approving_a_category_that_needs_an_exemption_requires_its_reason_and_records_it()
    {
        var proposed = Proposed(Registration(category: SystemCategory.InformationPublishing, justification: "需对接专网发布系统"));

        var withoutReason = SystemDecisions.Review(proposed, Approve(V(vcpu: 4)), "admin", T0);
        var withReason = SystemDecisions.Review(proposed, Approve(V(vcpu: 4), exemption: "评审委员会 2026-11 会议同意豁免"), "admin", T0);

        Assert.Equal("system.exemption-required", withoutReason.Error!.Code);
        Assert.Equal("exemptionReason", withoutReason.Error.Field);
        Assert.Equal(SystemReviewStatus.Approved, withReason.Next!.Status);
        Assert.Equal("评审委员会 2026-11 会议同意豁免", withReason.Next.ExemptionReason);
        Assert.Equal("admin", withReason.Next.ReviewedBy);
    }

    [Fact]
    public void An_exemption_is_refused_where_none_applies()
    {
        var ordinary = SystemDecisions.Review(Proposed(), Approve(V(vcpu: 4), exemption: "无需"), "admin", T0);
        var onRejection = SystemDecisions.Review(
            Proposed(Registration(category: SystemCategory.PublicService, justification: "j")), new SystemReview(false, null, "豁免", "驳回"), "admin", T0);

        Assert.Equal("system.exemption-not-applicable", ordinary.Error!.Code);
        Assert.Equal("system.exemption-not-applicable", onRejection.Error!.Code);
    }

    [Fact]
    public void A_rejected_system_is_proposed_again_when_registered_again_even_unchanged()
    {
        var rejected = SystemDecisions.Review(Proposed(), Reject(), "admin", T0.AddHours(1)).Next!;

        var again = SystemDecisions.Register(rejected, Registration(), T0.AddDays(2));

        Assert.Equal(SystemReviewStatus.Rejected, rejected.Status);
        Assert.Equal("与全市统一平台功能重复", rejected.ReviewNote);
        Assert.Equal("system.resubmitted", again.Action);
        Assert.Equal(SystemReviewStatus.Proposed, again.Next!.Status);
        Assert.Null(again.Next.ReviewNote);
        Assert.Null(again.Next.ReviewedBy);
    }

    [Fact]
    public void An_approved_system_is_frozen_but_answers_the_same_registration_and_review_again()
    {
        var approved = Approved(V(vcpu: 8));

        Assert.Equal("system.approved-frozen", SystemDecisions.Register(approved, Registration(name: "改名"), T0.AddDays(1)).Error!.Code);
        Assert.Same(SystemDecision.Unchanged, SystemDecisions.Register(approved, Registration(), T0.AddDays(1)));
        Assert.Same(SystemDecision.Unchanged, SystemDecisions.Review(approved, Approve(V(vcpu: 8)), "admin", T0.AddDays(1)));
        var other = SystemDecisions.Review(approved, Reject(), "admin", T0.AddDays(1));
        Assert.Equal(new BrokerError(BrokerErrorKind.Conflict, "system.already-reviewed", "status", "approved"), other.Error);
    }

    [Fact]
    public void Whoever_submitted_a_system_cannot_review_it_and_a_resubmission_moves_that_duty()
    {
        var proposed = SystemDecisions.Register(SystemData.None, Registration(), T0, submittedBy: "member@fund").Next!;

        var own = SystemDecisions.Review(proposed, Approve(V(vcpu: 4)), "member@fund", T0.AddHours(1));
        Assert.Equal(new BrokerError(BrokerErrorKind.Denied, SystemDecisions.SelfReview, "reviewer"), own.Error);
        Assert.Null(own.Next);
        var rejected = SystemDecisions.Review(proposed, Reject(), "admin", T0.AddHours(1)).Next!;
        Assert.Equal("member@fund", rejected.SubmittedBy);

        var resubmitted = SystemDecisions.Register(rejected, Registration(), T0.AddDays(1), submittedBy: "admin").Next!;
        Assert.Equal(SystemDecisions.SelfReview, SystemDecisions.Review(resubmitted, Reject(), "admin", T0.AddDays(2)).Error!.Code);
        Assert.Equal(SystemReviewStatus.Approved, SystemDecisions.Review(resubmitted, Approve(V(vcpu: 4)), "member@fund", T0.AddDays(2)).Next!.Status);
    }

    [Fact]
    public void Reviewing_nothing_is_not_found()
    {
        Assert.Equal("system.not-found", SystemDecisions.Review(SystemData.None, Reject(), "admin", T0).Error!.Code);
    }

    [Fact]
    public void Only_an_approved_system_may_order()
    {
        var missing = SystemDecisions.Eligibility(SystemData.None, "d", "s", V(vcpu: 1));
        var proposed = SystemDecisions.Eligibility(Proposed(), "d", "s", V(vcpu: 1));

        Assert.Equal(new BrokerError(BrokerErrorKind.NotFound, "system.not-found"), missing.Refusal);
        Assert.Null(missing.System);
        Assert.Equal(new BrokerError(BrokerErrorKind.Conflict, "system.not-approved", null, "proposed"), proposed.Refusal);
        Assert.False(proposed.WithinEnvelope);
        Assert.Equal("s", proposed.System!.Id);
    }

    [Fact]
    public void Within_envelope_means_allocated_plus_total_fits_in_every_dimension()
    {
        var approved = SystemDecisions.Allocate(Approved(V(vcpu: 8, memory: 32)), "o1", V(vcpu: 4, memory: 16)).Next!;

        Assert.Null(SystemDecisions.Eligibility(approved, "d", "s", V(vcpu: 4, memory: 16)).Refusal);
        Assert.True(SystemDecisions.Eligibility(approved, "d", "s", V(vcpu: 4, memory: 16)).WithinEnvelope);
        Assert.False(SystemDecisions.Eligibility(approved, "d", "s", V(vcpu: 5)).WithinEnvelope);
        // A dimension the envelope does not name was granted nothing.
        Assert.False(SystemDecisions.Eligibility(approved, "d", "s", V(databases: 1)).WithinEnvelope);
        Assert.True(SystemDecisions.WithinEnvelope(new SystemEnvelope(V(vcpu: 1), EnvelopePeriod.Total), QuotaVector.Empty, QuotaVector.Empty));
        Assert.False(SystemDecisions.WithinEnvelope(null, QuotaVector.Empty, V(vcpu: 1)));
    }

    [Fact]
    public void Allocations_are_idempotent_by_id_and_a_reused_id_with_another_vector_is_refused()
    {
        var approved = Approved(V(vcpu: 8));
        var first = SystemDecisions.Allocate(approved, "o1", V(vcpu: 2)).Next!;
        var second = SystemDecisions.Allocate(first, "o2", V(vcpu: 3)).Next!;

        Assert.Same(SystemDecision.Unchanged, SystemDecisions.Allocate(second, "o1", V(vcpu: 2)));
        Assert.Equal("system.allocation-id-reused", SystemDecisions.Allocate(second, "o1", V(vcpu: 1)).Error!.Code);
        Assert.Equal(V(vcpu: 5), second.Allocated);
        // An allocation is not a change of the system itself: its stored row and UpdatedAt stay as they were.
        Assert.Equal(approved.UpdatedAt, second.UpdatedAt);
        // Allocations may exceed the envelope: the envelope decides auto-approval, not whether an approved order counts.
        Assert.Equal(V(vcpu: 105), SystemDecisions.Allocate(second, "o3", V(vcpu: 100)).Next!.Allocated);

        var released = SystemDecisions.Deallocate(second, "o1").Next!;
        Assert.Equal(V(vcpu: 3), released.Allocated);
        Assert.Same(SystemDecision.Unchanged, SystemDecisions.Deallocate(released, "o1"));
        Assert.Same(SystemDecision.Unchanged, SystemDecisions.Deallocate(SystemData.None, "never"));
    }

    [Fact]
    public void Only_an_approved_system_counts_allocations()
    {
        Assert.Equal("system.not-approved", SystemDecisions.Allocate(Proposed(), "o1", V(vcpu: 1)).Error!.Code);
        Assert.Equal("system.not-found", SystemDecisions.Allocate(SystemData.None, "o1", V(vcpu: 1)).Error!.Code);
        Assert.Equal("system.allocation-id-invalid", SystemDecisions.Allocate(Approved(V(vcpu: 1)), " ", V(vcpu: 1)).Error!.Code);
    }

    [Fact]
    public void The_state_round_trips_through_its_stored_json_which_leaves_the_allocations_to_their_own_rows()
    {
        var state = SystemDecisions.Allocate(Approved(V(vcpu: 8, memory: 32)), "o1", V(vcpu: 2)).Next!;

        var back = BrokerJson.Deserialize<SystemData>(BrokerJson.Serialize(state));

        Assert.Equal(BrokerJson.Serialize(state), BrokerJson.Serialize(back));
        Assert.DoesNotContain("allocations", BrokerJson.Serialize(state), StringComparison.Ordinal);
        Assert.True(back.Allocated.IsEmpty);
        Assert.True(SystemDecisions.SameContent(state.Registration!, back.Registration!));
        Assert.Contains("\"networkZone\":\"extranet\"", BrokerJson.Serialize(state));
    }

    [Theory]
    [InlineData(1, 0.12, 0.15)]
    [InlineData(2, 0.08, 0.10)]
    [InlineData(3, 0.05, 0.06)]
    public void The_om_fee_range_follows_the_tier(int tier, double min, double max)
    {
        Assert.Equal(((decimal)min, (decimal)max), OmFeeRates.ForTier(tier));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("housing-fund-core", true)]
    [InlineData("a11111111111111111111111111111111111111x", true)]
    [InlineData("a111111111111111111111111111111111111111x", false)]
    [InlineData("1abc", false)]
    [InlineData("abc-", false)]
    [InlineData("Abc", false)]
    [InlineData("a_b", false)]
    [InlineData("", false)]
    public void System_ids_are_dns_label_safe(string id, bool valid)
    {
        Assert.Equal(valid, SystemKey.IsId(id));
        Assert.Equal(valid, SystemKey.TryParse(new SystemKey("housing-fund", id).ToString(), out var key));
        if (valid)
        {
            Assert.Equal(new SystemKey("housing-fund", id), key);
        }
    }
}
