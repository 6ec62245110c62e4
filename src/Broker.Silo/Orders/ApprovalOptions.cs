namespace Broker.Silo.Orders;

/// <summary>Approval policy, globally and per department; bound from <c>Broker:Approval</c>.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Broker:Approval";

    /// <summary>When an order needs no person: the default rule, overridden per department code below.</summary>
    public AutoApprovalRule AutoApprove { get; set; } = new();

    public Dictionary<string, AutoApprovalRule> Departments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Who decides, in order. Default: the department's admin, then a platform operator.</summary>
    public List<ApprovalLevelOptions> Levels { get; set; } = [];

    /// <summary>An order waiting longer than this is escalated (metric, event, flag); never dropped.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a waiting order checks whether it is due for escalation.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(10);

    public AutoApprovalRule RuleFor(string department) => Departments.GetValueOrDefault(department) ?? AutoApprove;

    public IReadOnlyList<ApprovalLevelOptions> EffectiveLevels =>
        Levels.Count > 0 ? Levels : [new() { Role = "dept-admin" }, new() { Role = "platform-operator" }];
}

public sealed class AutoApprovalRule
{
    public bool Enabled { get; set; } = true;

    public int MaxTotalVcpu { get; set; } = 16;

    public bool AllowGold { get; set; }

    /// <summary>Auto-approval also needs the order to stay inside the system's approved envelope.</summary>
    public bool RequireWithinEnvelope { get; set; } = true;
}

public sealed class ApprovalLevelOptions
{
    public string Role { get; set; } = "";

    /// <summary><c>any</c>: one holder of the role decides. <c>all</c>: every subject in <see cref="Approvers"/> must approve.</summary>
    public string Mode { get; set; } = "any";

    public List<string> Approvers { get; set; } = [];

    /// <summary>
    /// Separation of duties: whoever placed the order cannot approve this level (on by default). On an <c>all</c> level
    /// the orderer is excused from the named approvers, and at least one other approver must still agree.
    /// </summary>
    public bool SeparateFromOrderer { get; set; } = true;
}
