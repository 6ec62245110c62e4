using System.Text.Json;

namespace Broker.Silo.Storage;

/// <summary>
/// Enum values as they appear in JSON, query strings and the directory's columns: kebab-case (<c>dedicated-line</c>),
/// the same names <see cref="BrokerJson"/> writes, so a filter value is exactly what a response shows.
/// </summary>
public static class WireText
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Parses a kebab-case name; numbers and unknown names are refused.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Every accepted name, for messages that list them.</summary>
    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => Of(v)));
}
