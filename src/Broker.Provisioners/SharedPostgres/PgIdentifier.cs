using System.Text.RegularExpressions;
using Broker.Provisioners.Contract;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// A role or database name that may go into SQL as an identifier: lower-case letters, digits and underscores, at most
/// 63 bytes. Checked again here although the names are built from checked inputs, so that a bug there cannot reach
/// SQL; <see cref="Ddl"/> then quotes it with the server's own <c>format('%I')</c>.
/// </summary>
internal readonly partial record struct PgIdentifier
{
    private PgIdentifier(string value) => Value = value;

    public string Value { get; }

    /// <exception cref="ProvisionerException">Permanent: not a safe identifier.</exception>
    public static PgIdentifier From(string name) =>
        Safe().IsMatch(name ?? string.Empty)
            ? new PgIdentifier(name!)
            : throw new ProvisionerException("Shared PostgreSQL: a derived name is not a safe identifier.", permanent: true);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z")]
    private static partial Regex Safe();
}
