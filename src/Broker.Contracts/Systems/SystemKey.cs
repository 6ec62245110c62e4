using System.Text.RegularExpressions;

namespace Broker.Contracts.Systems;

/// <summary>
/// A registered system's identity and its grain's key: its department and its id, written <c>department/id</c>. The
/// rules for a system id live here too, since every caller that builds a key must also check the id.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.SystemKey")]
public readonly partial record struct SystemKey([property: Id(0)] string Department, [property: Id(1)] string Id)
{
    public const int MaxIdLength = 40;

    /// <summary>The grain key: <c>department/id</c>.</summary>
    public override string ToString() => $"{Department}/{Id}";

    /// <summary>Reads a key; false when it is not a department code, a slash and a valid system id.</summary>
    public static bool TryParse(string key, out SystemKey parsed)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        parsed = new SystemKey(slash > 0 ? key[..slash] : "", slash > 0 ? key[(slash + 1)..] : "");
        return DepartmentRule().IsMatch(parsed.Department) && IsId(parsed.Id);
    }

    /// <summary>
    /// Lower-case letters, digits and hyphens, starting with a letter, at most 40 characters: safe as a DNS label
    /// (and so as part of resource names) with room left for a prefix or suffix within 63 characters.
    /// </summary>
    public static bool IsId(string? id) => id is not null && IdRule().IsMatch(id);

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,38}[a-z0-9])?\\z")]
    private static partial Regex IdRule();

    // The department code rule (DepartmentValidation in the API, the check on broker.departments).
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,46}[a-z0-9])?\\z")]
    private static partial Regex DepartmentRule();
}
