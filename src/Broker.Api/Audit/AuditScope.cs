using Broker.Api.Identity;

namespace Broker.Api.Audit;

/// <summary>
/// Who reads which audit entries (docs/security.md, "Roles and what each may do"). A department's own roles read its
/// whole trail, and auditors and platform admins every trail; platform operators and finance read only the entries
/// about the objects their work decides on, and must name that object type in the query.
/// </summary>
public static class AuditScope
{
    public const string OutOfScope = "audit.out-of-scope";

    /// <summary>Orders they approve and resources they run.</summary>
    public static readonly string[] OperatorObjectTypes = ["order", "resource"];

    /// <summary>Rate cards, usage imports, closed months, budgets and O&amp;M profiles: what finance sets and closes.</summary>
    public static readonly string[] FinanceObjectTypes = ["rate-card", "usage-import", "statement-month", "budget", "om-profile"];

    /// <summary>
    /// Whether <paramref name="user"/> may read the entries of <paramref name="department"/> (null: the platform-wide
    /// trail) of <paramref name="objectType"/> (null: every type).
    /// </summary>
    public static bool Allows(BrokerUser user, string? department, string? objectType)
    {
        if ((department is not null && user.BelongsTo(department)) || user.Has(Roles.Auditor, Roles.PlatformAdmin))
        {
            return true;
        }

        return objectType is not null
            && ((user.Has(Roles.PlatformOperator) && OperatorObjectTypes.Contains(objectType, StringComparer.Ordinal))
                || (user.Has(Roles.Finance) && FinanceObjectTypes.Contains(objectType, StringComparer.Ordinal)));
    }

    /// <summary>The object types <paramref name="user"/> may ask for when not every type is theirs, for the refusal's text.</summary>
    public static IEnumerable<string> ObjectTypesOf(BrokerUser user) =>
        (user.Has(Roles.PlatformOperator) ? OperatorObjectTypes : []).Concat(user.Has(Roles.Finance) ? FinanceObjectTypes : []);
}
