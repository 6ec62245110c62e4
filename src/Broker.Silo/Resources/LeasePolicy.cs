using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>
/// The lease moments: a warning <see cref="ProvisioningOptions.LeaseWarning"/> before the end (once), a ready VM stopped at
/// the end, any resource deleted <see cref="ProvisioningOptions.LeaseGrace"/> after it unless extended. The directory's
/// lease-due query (<see cref="ResourceDirectory.LeaseDueAsync"/>) lists the resources for which this decides something.
/// </summary>
public static class LeasePolicy
{
    public static LeaseDecision Decide(ResourceData data, DateTimeOffset now, ProvisioningOptions options)
    {
        if (data.LeaseEnd is not { } end || data.State is ResourceState.Deleting or ResourceState.Deleted or ResourceState.PendingApproval)
        {
            return LeaseDecision.Nothing;
        }

        var warn = !data.LeaseWarned && now >= LeaseRules.Shift(end, -options.LeaseWarning);
        var step = now >= LeaseRules.Shift(end, options.LeaseGrace) && ResourceTransitions.CanDelete(data.State) ? LeaseStep.Delete
            : now >= end && ResourceTransitions.CanStop(data.State, data.Spec!.Kind) ? LeaseStep.Stop
            : LeaseStep.None;
        return warn || step != LeaseStep.None ? new LeaseDecision(warn, step) : LeaseDecision.Nothing;
    }
}
