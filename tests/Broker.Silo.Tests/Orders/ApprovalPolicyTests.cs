using Broker.Contracts.Quotas;
using Broker.Silo.Orders;

namespace Broker.Silo.Tests.Orders;

public sealed class ApprovalPolicyTests
{
    private static QuotaVector Vcpu(long n) => new(new Dictionary<string, long> { ["vcpu"] = n });

    [Theory]
    [InlineData(16, "silver", true, true)]
    [InlineData(17, "silver", true, false)]  // over the vCPU threshold
    [InlineData(4, "gold", true, false)]     // gold always goes to a person by default
    [InlineData(4, "bronze", false, false)]  // outside the system's envelope
    public void Auto_approval_needs_the_threshold_the_tier_and_the_envelope(long vcpu, string tier, bool withinEnvelope, bool expected)
    {
        Assert.Equal(expected, ApprovalPolicy.IsAutoApproved(new AutoApprovalRule(), Vcpu(vcpu), tier, withinEnvelope));
    }

    [Fact]
    public void A_department_rule_can_allow_gold_and_a_higher_threshold()
    {
        var rule = new AutoApprovalRule { AllowGold = true, MaxTotalVcpu = 64 };
        Assert.True(ApprovalPolicy.IsAutoApproved(rule, Vcpu(48), "gold", withinEnvelope: true));
        Assert.False(ApprovalPolicy.IsAutoApproved(new AutoApprovalRule { Enabled = false }, Vcpu(1), "bronze", withinEnvelope: true));
    }

    [Fact]
    public void Levels_are_decided_in_order_by_their_role()
    {
        var levels = ApprovalPolicy.Levels([new() { Role = "dept-admin" }, new() { Role = "platform-operator" }], autoApproved: false);

        Assert.Equal(ApprovalPolicy.NotYourLevel, Approve(levels, "op", "platform-operator").Refusal);   // not yet the operator's turn
        var afterDept = Approve(levels, "chief", "dept-admin").Levels!;
        Assert.True(afterDept[0].Done);
        Assert.False(afterDept[1].Done);
        Assert.Equal(ApprovalPolicy.NotYourLevel, Approve(afterDept, "chief", "dept-admin").Refusal);    // the department's turn is over
        var afterOp = Approve(afterDept, "op", "platform-operator").Levels!;
        Assert.All(afterOp, l => Assert.True(l.Done));
        Assert.Equal(ApprovalPolicy.NotYourLevel, Approve(afterOp, "op", "platform-operator").Refusal);  // nothing is waiting
    }

    [Fact]
    public void An_all_level_waits_for_every_named_approver_and_refuses_strangers()
    {
        var levels = ApprovalPolicy.Levels([new() { Role = "platform-operator", Mode = "all", Approvers = ["ops-a", "ops-b"] }], autoApproved: false);

        Assert.Null(Approve(levels, "ops-z", "platform-operator").Levels);
        var one = Approve(levels, "ops-a", "platform-operator").Levels!;
        Assert.False(one[0].Done);
        Assert.Null(Approve(one, "ops-a", "platform-operator").Levels);
        Assert.True(Approve(one, "ops-b", "platform-operator").Levels![0].Done);
    }

    [Fact]
    public void The_orderer_cannot_approve_a_level_of_their_own_order()
    {
        var levels = ApprovalPolicy.Levels([new() { Role = "dept-admin" }, new() { Role = "platform-operator" }], autoApproved: false);

        var own = ApprovalPolicy.Approve(levels, "chief", ["dept-admin"], orderedBy: "chief");

        Assert.Equal(ApprovalPolicy.SelfApproval, own.Refusal);
        Assert.Null(own.Levels);
        Assert.True(ApprovalPolicy.Approve(levels, "deputy", ["dept-admin"], orderedBy: "chief").Levels![0].Done);
    }

    [Fact]
    public void Separation_is_on_by_default_and_can_be_turned_off_per_level()
    {
        Assert.True(new ApprovalLevelOptions().SeparateFromOrderer);
        var levels = ApprovalPolicy.Levels([new() { Role = "dept-admin", SeparateFromOrderer = false }, new() { Role = "platform-operator" }], autoApproved: false);

        var afterDept = ApprovalPolicy.Approve(levels, "ops-1", ["dept-admin", "platform-operator"], orderedBy: "ops-1").Levels!;
        Assert.True(afterDept[0].Done);
        Assert.Equal(ApprovalPolicy.SelfApproval, ApprovalPolicy.Approve(afterDept, "ops-1", ["dept-admin", "platform-operator"], orderedBy: "ops-1").Refusal);
    }

    [Fact]
    public void An_all_level_excuses_the_orderer_but_still_needs_every_other_named_approver()
    {
        var levels = ApprovalPolicy.Levels([new() { Role = "platform-operator", Mode = "all", Approvers = ["ops-a", "ops-b", "ops-c"] }], autoApproved: false);

        Assert.Equal(ApprovalPolicy.SelfApproval, ApprovalPolicy.Approve(levels, "ops-a", ["platform-operator"], orderedBy: "ops-a").Refusal);
        var b = ApprovalPolicy.Approve(levels, "ops-b", ["platform-operator"], orderedBy: "ops-a").Levels!;
        Assert.False(b[0].Done);
        Assert.True(ApprovalPolicy.Approve(b, "ops-c", ["platform-operator"], orderedBy: "ops-a").Levels![0].Done);
    }

    private static ApprovalStep Approve(IReadOnlyList<Broker.Contracts.Orders.ApprovalLevelView> levels, string subject, string role) =>
        ApprovalPolicy.Approve(levels, subject, [role], orderedBy: "someone-else");

    [Fact]
    public void An_order_total_is_the_plan_vector_times_the_quantity()
    {
        var perUnit = new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 4, ["memory_gib"] = 16, ["vms"] = 1 });
        Assert.Equal(new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 12, ["memory_gib"] = 48, ["vms"] = 3 }), ApprovalPolicy.Times(perUnit, 3));
    }
}
