using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Orders;

/// <summary>Pure approval decisions; the order grain orchestrates them.</summary>
public static class ApprovalPolicy
{
    public const string SelfApproval = "order.self-approval";

    public const string NotYourLevel = "order.not-your-level";

    /// <summary>True when no person needs to look at the order.</summary>
    public static bool IsAutoApproved(AutoApprovalRule rule, QuotaVector total, string slaTier, bool withinEnvelope) =>
        rule.Enabled
        && total["vcpu"] <= rule.MaxTotalVcpu
        && (rule.AllowGold || !string.Equals(slaTier, "gold", StringComparison.Ordinal))
        && (withinEnvelope || !rule.RequireWithinEnvelope);

    public static List<ApprovalLevelView> Levels(IReadOnlyList<ApprovalLevelOptions> levels, bool autoApproved) =>
        levels.Select((l, i) => new ApprovalLevelView(i + 1, l.Role, l.Mode, l.Approvers, [], autoApproved, l.SeparateFromOrderer)).ToList();

    /// <summary>
    /// Applies one approval by <paramref name="subject"/> to the first open level of an order placed by
    /// <paramref name="orderedBy"/>. Refused with <c>order.self-approval</c> when the level separates duties and the
    /// approver placed the order; with <c>order.not-your-level</c> when the approver may not act on that level (wrong role,
    /// not a named approver of an <c>all</c> level, already approved, or nothing is waiting).
    /// </summary>
    public static ApprovalStep Approve(IReadOnlyList<ApprovalLevelView> levels, string subject, IReadOnlyCollection<string> roles, string orderedBy)
    {
        var index = levels.ToList().FindIndex(l => !l.Done);
        if (index < 0)
        {
            return ApprovalStep.Refused(NotYourLevel);
        }

        var level = levels[index];
        var isAll = string.Equals(level.Mode, "all", StringComparison.Ordinal);
        if (!roles.Contains(level.Role) || level.ApprovedBy.Contains(subject) || (isAll && !level.Approvers.Contains(subject)))
        {
            return ApprovalStep.Refused(NotYourLevel);
        }

        if (level.SeparateFromOrderer && string.Equals(subject, orderedBy, StringComparison.Ordinal))
        {
            return ApprovalStep.Refused(SelfApproval);
        }

        var approvedBy = level.ApprovedBy.Append(subject).ToList();
        // The orderer is excused from an "all" level that separates duties; everyone else named must still agree.
        var needed = level.Approvers.Where(a => !level.SeparateFromOrderer || !string.Equals(a, orderedBy, StringComparison.Ordinal));
        var done = !isAll || needed.All(approvedBy.Contains);
        var next = levels.ToList();
        next[index] = level with { ApprovedBy = approvedBy, Done = done };
        return new ApprovalStep(next, null);
    }

    /// <summary>Whether the approver holds the role of the level now waiting (for rejections).</summary>
    public static bool MayDecide(IReadOnlyList<ApprovalLevelView> levels, IReadOnlyCollection<string> roles) =>
        levels.FirstOrDefault(l => !l.Done) is { } open && roles.Contains(open.Role);

    public static QuotaVector Times(QuotaVector perUnit, int quantity) =>
        new(perUnit.Amounts.Select(p => KeyValuePair.Create(p.Key, checked(p.Value * quantity))));
}
