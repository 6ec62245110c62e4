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

        Assert.Null(ApprovalPolicy.Approve(levels, "op", ["platform-operator"]));   // not yet the operator's turn
        var afterDept = ApprovalPolicy.Approve(levels, "chief", ["dept-admin"])!;
        Assert.True(afterDept[0].Done);
        Assert.False(afterDept[1].Done);
        Assert.Null(ApprovalPolicy.Approve(afterDept, "chief", ["dept-admin"]));    // the department's turn is over
        var afterOp = ApprovalPolicy.Approve(afterDept, "op", ["platform-operator"])!;
        Assert.All(afterOp, l => Assert.True(l.Done));
    }

    [Fact]
    public void An_all_level_waits_for_every_named_approver_and_refuses_strangers()
    {
        var levels = ApprovalPolicy.Levels([new() { Role = "platform-operator", Mode = "all", Approvers = ["ops-a", "ops-b"] }], autoApproved: false);

        Assert.Null(ApprovalPolicy.Approve(levels, "ops-z", ["platform-operator"]));
        var one = ApprovalPolicy.Approve(levels, "ops-a", ["platform-operator"])!;
        Assert.False(one[0].Done);
        Assert.Null(ApprovalPolicy.Approve(one, "ops-a", ["platform-operator"]));
        Assert.True(ApprovalPolicy.Approve(one, "ops-b", ["platform-operator"])![0].Done);
    }

    [Fact]
    public void An_order_total_is_the_plan_vector_times_the_quantity()
    {
        var perUnit = new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 4, ["memory_gib"] = 16, ["vms"] = 1 });
        Assert.Equal(new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 12, ["memory_gib"] = 48, ["vms"] = 3 }), ApprovalPolicy.Times(perUnit, 3));
    }
}
