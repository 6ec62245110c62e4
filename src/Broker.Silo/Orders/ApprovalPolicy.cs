using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Orders;

/// <summary>Pure approval decisions; the order grain orchestrates them.</summary>
public static class ApprovalPolicy
{
    /// <summary>True when no person needs to look at the order.</summary>
    public static bool IsAutoApproved(AutoApprovalRule rule, QuotaVector total, string slaTier, bool withinEnvelope) =>
        rule.Enabled
        && total["vcpu"] <= rule.MaxTotalVcpu
        && (rule.AllowGold || !string.Equals(slaTier, "gold", StringComparison.Ordinal))
        && (withinEnvelope || !rule.RequireWithinEnvelope);

    public static List<ApprovalLevelView> Levels(IReadOnlyList<ApprovalLevelOptions> levels, bool autoApproved) =>
        levels.Select((l, i) => new ApprovalLevelView(i + 1, l.Role, l.Mode, l.Approvers, [], autoApproved)).ToList();

    /// <summary>
    /// Applies one approval to the first open level. Null when the approver may not act on that level (wrong role, or not
    /// a named approver of an <c>all</c> level, or already approved).
    /// </summary>
    public static List<ApprovalLevelView>? Approve(IReadOnlyList<ApprovalLevelView> levels, string subject, IReadOnlyCollection<string> roles)
    {
        var index = levels.ToList().FindIndex(l => !l.Done);
        if (index < 0)
        {
            return null;
        }

        var level = levels[index];
        var isAll = string.Equals(level.Mode, "all", StringComparison.Ordinal);
        if (!roles.Contains(level.Role) || level.ApprovedBy.Contains(subject) || (isAll && !level.Approvers.Contains(subject)))
        {
            return null;
        }

        var approvedBy = level.ApprovedBy.Append(subject).ToList();
        var done = !isAll || level.Approvers.All(approvedBy.Contains);
        var next = levels.ToList();
        next[index] = level with { ApprovedBy = approvedBy, Done = done };
        return next;
    }

    /// <summary>Whether the approver holds the role of the level now waiting (for rejections).</summary>
    public static bool MayDecide(IReadOnlyList<ApprovalLevelView> levels, IReadOnlyCollection<string> roles) =>
        levels.FirstOrDefault(l => !l.Done) is { } open && roles.Contains(open.Role);

    public static QuotaVector Times(QuotaVector perUnit, int quantity) =>
        new(perUnit.Amounts.Select(p => KeyValuePair.Create(p.Key, checked(p.Value * quantity))));
}
