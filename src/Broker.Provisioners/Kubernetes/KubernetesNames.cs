using System.Text.RegularExpressions;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Names and labels the provisioner derives; checked here so that a bad input is a permanent error, not a 422 later.</summary>
internal static partial class KubernetesNames
{
    public const string NamespacePrefix = "dept-";
    public const string DepartmentLabel = "broker.gov/department";
    public const string SystemLabel = "broker.gov/system";
    public const string ResourceIdLabel = "broker.gov/resource-id";
    public const string PlanLabel = "broker.gov/plan";
    public const string NetworkZoneLabel = "broker.gov/network-zone";
    public const string ResourceQuotaName = "broker-quota";
    public const string LimitRangeName = "broker-defaults";
    public const string ZonePolicyPrefix = "broker-zone-";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "broker";
    public const string FieldManager = "broker";
    public const string NetworkPolicyName = "broker-default-deny";
    public const string RoleBindingName = "broker";

    public static string NamespaceFor(string department) => NamespacePrefix + department;

    public static string RootDiskFor(string resourceId) => $"{resourceId}-root";

    public static string ResourceSelector(string resourceId) => $"{ResourceIdLabel}={resourceId}";

    /// <summary>A DNS label short enough to become <c>dept-{code}</c>.</summary>
    public static bool IsDepartment(string? value) => value is not null && value.Length <= 63 - NamespacePrefix.Length && DnsLabel().IsMatch(value);

    /// <summary>Room for the <c>-root</c> disk and CNPG's <c>-rw</c>/<c>-app</c> suffixes within a DNS label.</summary>
    public static bool IsResourceId(string? value) => value is not null && value.Length <= 52 && DnsLabel().IsMatch(value);

    public static bool IsLabelValue(string? value) => value is not null && LabelValue().IsMatch(value);

    public static bool IsDnsSubdomain(string value) => value.Length <= 253 && DnsSubdomain().IsMatch(value);

    public static bool IsImageTag(string? value) => value is not null && ImageTag().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\z")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?\\z")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\\z")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\z")]
    private static partial Regex ImageTag();
}
