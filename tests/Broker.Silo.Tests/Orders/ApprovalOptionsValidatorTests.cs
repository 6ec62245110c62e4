using Broker.Silo.Orders;

namespace Broker.Silo.Tests.Orders;

public sealed class ApprovalOptionsValidatorTests
{
    private static readonly ApprovalOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validator.Validate(null, new ApprovalOptions()).Succeeded);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once_by_its_configuration_key()
    {
        var options = new ApprovalOptions
        {
            EscalateAfter = TimeSpan.Zero,
            CheckEvery = TimeSpan.FromSeconds(-1),
            AutoApprove = new AutoApprovalRule { MaxTotalVcpu = -1 },
            Departments = new(StringComparer.Ordinal) { ["tax"] = new AutoApprovalRule { MaxTotalVcpu = -2 } },
            Levels =
            [
                new ApprovalLevelOptions { Role = "", Mode = "any" },
                new ApprovalLevelOptions { Role = "platform-operator", Mode = "some" },
                new ApprovalLevelOptions { Role = "platform-admin", Mode = "all" },
            ],
        };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(7, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:EscalateAfter", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:CheckEvery", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:AutoApprove:MaxTotalVcpu", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:Departments:tax:MaxTotalVcpu", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:Levels:0:Role", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:Levels:1:Mode", StringComparison.Ordinal) && f.Contains("'some'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Broker:Approval:Levels:2:Approvers", StringComparison.Ordinal));
    }

    [Fact]
    public void An_all_level_with_named_approvers_is_valid()
    {
        var options = new ApprovalOptions { Levels = [new ApprovalLevelOptions { Role = "platform-admin", Mode = "all", Approvers = ["alice", "bob"] }] };

        Assert.True(Validator.Validate(null, options).Succeeded);
    }
}
