using System.Security.Cryptography;
using System.Text;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// The role and database names of one resource, derived from its inputs alone so that every call finds the same ones.
/// Role: <c>{prefix}u_{resourceId}</c>, from the resource id only, because Observe, Delete and IssueCredentials get
/// nothing else. Database: <c>{prefix}d_{department}_{databaseName}_{resourceId}</c>, readable for the platform's DBAs,
/// with the department in it so two departments asking for <c>portal</c> get two databases, and the resource id so
/// the three databases of one order of three do too. Hyphens become underscores, so names need no quoting in psql.
/// </summary>
/// <remarks>
/// A name longer than PostgreSQL's 63 bytes keeps its first 52 and ends in <c>_</c> plus 10 hex digits of the SHA-256
/// of the full name, so long inputs stay distinct. Inputs are checked by <see cref="SharedPostgresRules"/> first;
/// everything here is ASCII, so characters are bytes.
/// </remarks>
public sealed record SharedPostgresNames(string Role, string Database)
{
    /// <summary>PostgreSQL truncates identifiers beyond this (NAMEDATALEN - 1); we never let it.</summary>
    public const int MaxIdentifierBytes = 63;

    private const int HashHexDigits = 10;

    public static SharedPostgresNames For(string prefix, string department, string resourceId, string databaseName) =>
        new(RoleFor(prefix, resourceId), Fit($"{prefix}d_{Slug(department)}_{databaseName}_{Slug(resourceId)}"));

    public static string RoleFor(string prefix, string resourceId) => Fit($"{prefix}u_{Slug(resourceId)}");

    private static string Slug(string dnsLabel) => dnsLabel.Replace('-', '_');

    private static string Fit(string name)
    {
        if (name.Length <= MaxIdentifierBytes)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..HashHexDigits];
        return $"{name[..(MaxIdentifierBytes - HashHexDigits - 1)].TrimEnd('_')}_{hash}";
    }
}
