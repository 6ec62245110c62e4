using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;

namespace Broker.Silo.Tenancy;

/// <summary>A department's lifecycle as pure functions of its state and an already validated request.</summary>
public static class DepartmentDecisions
{
    private static readonly BrokerError NotFound = new(BrokerErrorKind.NotFound, "department.not-found");

    /// <summary>Creating again with the same profile and limits is a replay of the first answer; with others a conflict.</summary>
    public static DepartmentStep Create(DepartmentData state, DepartmentProfile profile, QuotaVector limits, DateTimeOffset now) =>
        !state.Exists ? DepartmentStep.Changed(new DepartmentCreated(now, profile, limits))
        : state.Profile == profile && state.Limits == limits ? DepartmentStep.Replayed
        : DepartmentStep.Refused(new BrokerError(BrokerErrorKind.Conflict, "department.exists", "code"), replay: true);

    public static DepartmentStep UpdateProfile(DepartmentData state, DepartmentProfile profile, DateTimeOffset now) =>
        !state.Exists ? DepartmentStep.Refused(NotFound)
        : state.Profile != profile ? DepartmentStep.Changed(new ProfileUpdated(now, profile))
        : DepartmentStep.Unchanged;

    /// <summary>Lowering limits below use is allowed: nothing new fits until use drops.</summary>
    public static DepartmentStep SetLimits(DepartmentData state, QuotaVector limits, DateTimeOffset now) =>
        !state.Exists ? DepartmentStep.Refused(NotFound)
        : state.Limits != limits ? DepartmentStep.Changed(new LimitsSet(now, limits))
        : DepartmentStep.Unchanged;

    /// <summary>Only a department that holds nothing (no reservation held or committed) may go.</summary>
    public static DepartmentStep Delete(DepartmentData state, DateTimeOffset now) =>
        !state.Exists ? DepartmentStep.Refused(NotFound)
        : state.Live.Count > 0 ? DepartmentStep.Refused(new BrokerError(BrokerErrorKind.Conflict, "department.in-use", null, state.Live.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        : DepartmentStep.Changed(new DepartmentDeleted(now));
}
