using System.Text.RegularExpressions;

namespace Broker.Silo.Systems;

/// <summary>The <see cref="Broker.Contracts.Systems.ISystemGrain"/> key, <c>{department}/{systemId}</c>, and the id rule.</summary>
public static partial class SystemKey
{
    public const int MaxIdLength = 40;

    public static string Format(string department, string id) => $"{department}/{id}";

    /// <summary>Splits a key; false when it is not a department code, a slash and a valid system id.</summary>
    public static bool TryParse(string key, out string department, out string id)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        department = slash > 0 ? key[..slash] : "";
        id = slash > 0 ? key[(slash + 1)..] : "";
        return Department().IsMatch(department) && IsId(id);
    }

    /// <summary>
    /// Lower-case letters, digits and hyphens, starting with a letter, at most 40 characters: safe as a DNS label
    /// (and so as part of resource names) with room left for a prefix or suffix within 63 characters.
    /// </summary>
    public static bool IsId(string? id) => id is not null && Id().IsMatch(id);

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,38}[a-z0-9])?\\z")]
    private static partial Regex Id();

    // The department code rule (DepartmentValidation in the API, the check on broker.departments).
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,46}[a-z0-9])?\\z")]
    private static partial Regex Department();
}
