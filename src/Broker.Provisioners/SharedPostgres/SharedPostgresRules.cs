using System.Text.RegularExpressions;
using Broker.Provisioners.Contract;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// What the shared server refuses outright, before any SQL is sent. Every name that reaches SQL is built only from
/// inputs that pass these whitelists; a refusal is permanent, since retrying the same input cannot help.
/// </summary>
internal static partial class SharedPostgresRules
{
    /// <summary>The catalog's range for a database plan's connection limit (PostgreSQL's 0 would lock everyone out).</summary>
    public const int MaxConnectionLimit = 100_000;

    /// <summary>Checks <paramref name="desired"/> and returns the names and the label the resource must have.</summary>
    /// <exception cref="ProvisionerException">Permanent: the input is not one this backend can serve.</exception>
    public static (SharedPostgresNames Names, ResourceLabel Label) Check(DesiredResource desired, string prefix)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var problems = new List<string>();
        if (!ResourceId().IsMatch(desired.ResourceId ?? string.Empty))
        {
            problems.Add($"ResourceId must match {ResourceId()}");
        }

        if (desired.Kind != WorkloadKind.Database)
        {
            problems.Add($"only databases are served here, not {desired.Kind}");
        }

        if (!Department().IsMatch(desired.Department ?? string.Empty))
        {
            problems.Add($"Department must match {Department()}");
        }

        if (!DatabaseName().IsMatch(desired.DatabaseName ?? string.Empty))
        {
            problems.Add($"DatabaseName must match {DatabaseName()}");
        }

        if (desired.ConnectionLimit is < 1 or > MaxConnectionLimit)
        {
            problems.Add($"ConnectionLimit must be between 1 and {MaxConnectionLimit}");
        }

        if (problems.Count > 0)
        {
            // The offending values are not echoed: they may be anything, and messages end up in logs and UIs.
            throw new ProvisionerException($"Shared PostgreSQL refuses the resource: {string.Join("; ", problems)}.", permanent: true);
        }

        var names = SharedPostgresNames.For(prefix, desired.Department!, desired.ResourceId!, desired.DatabaseName!);
        return (names, new ResourceLabel(ResourceLabel.ManagedByBroker, desired.ResourceId!, desired.Department!, names.Database, desired.ConnectionLimit));
    }

    /// <exception cref="ProvisionerException">Permanent: the id is not a DNS label.</exception>
    public static void CheckResourceId(string resourceId)
    {
        if (!ResourceId().IsMatch(resourceId ?? string.Empty))
        {
            throw new ProvisionerException($"Shared PostgreSQL refuses the resource: ResourceId must match {ResourceId()}.", permanent: true);
        }
    }

    /// <summary>A DNS label, as the provisioner contract promises.</summary>
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex ResourceId();

    /// <summary>The broker's department code rule.</summary>
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,46}[a-z0-9])?\\z")]
    private static partial Regex Department();

    /// <summary>The order's database name rule: a plain lower-case PostgreSQL identifier.</summary>
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z")]
    private static partial Regex DatabaseName();
}
