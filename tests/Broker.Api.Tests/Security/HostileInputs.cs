using System.Text;
using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Security;

/// <summary>
/// The hostile values the walk sends: what an attacker with a valid token would try on every path parameter, query
/// parameter and body property. Kept in one place so that a new kind of input reaches every route at once.
/// </summary>
public static class HostileInputs
{
    /// <summary>
    /// Path segments, already percent-encoded as they go on the wire. No NUL: the in-process test server refuses a
    /// path with one before the broker sees it, and Kestrel answers it itself (ServerAnswersTests covers that).
    /// </summary>
    public static readonly string[] PathSegments =
    [
        "%0A",                      // a newline
        "a%20b",                    // a space
        "..",
        "%2E%2E",
        "a%2Fb",                    // an encoded slash
        "x%E2%80%8By",              // a zero-width space
        "%E2%80%AEevil",            // a right-to-left override
        "-1",
        new string('a', 2_000),
    ];

    /// <summary>Query values, percent-encoded.</summary>
    public static readonly string[] QueryValues =
    [
        "%0A",
        "2024-01%0A",               // a month with a trailing newline
        "%00",
        "-1",
        "0.5",
        "99999999999999999999999999",
        "%E2%80%8B",
        new string('a', 2_000),
    ];

    /// <summary>Whole request bodies that are not the object the route expects, each with its content type.</summary>
    public static readonly (string Name, string Body, string ContentType)[] WholeBodies =
    [
        ("malformed", "{\"a\":", "application/json"),
        ("empty", "", "application/json"),
        ("array", "[]", "application/json"),
        ("null", "null", "application/json"),
        ("string", "\"text\"", "application/json"),
        ("number", "42", "application/json"),
        ("unknown field", "{\"unknownField\":1}", "application/json"),
        ("nested unknown field", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "application/json"),
        ("wrong content type", "{}", "text/plain"),
        ("form content type", "a=1&b=2", "application/x-www-form-urlencoded"),
        ("bad utf-8", "{\"a\":\"\xC3\x28\"}", "application/json"),
    ];

    /// <summary>
    /// Values put into one property at a time. Only values the property cannot legitimately take: a null only where
    /// the schema requires a value, a fraction only where it wants an integer (half a yuan is a fine budget).
    /// </summary>
    public static IEnumerable<(string Name, JsonNode? Value)> PropertyValues(OpenApiProperty property)
    {
        if (!property.MayBeNull)
        {
            yield return ("null", null);
        }

        if (property.Types.Contains("integer"))
        {
            yield return ("fraction", JsonValue.Create(0.5));
        }

        yield return ("negative", JsonValue.Create(-1));
        yield return ("huge", JsonNode.Parse("1e30"));
        yield return ("beyond decimal", JsonNode.Parse("99999999999999999999999999999999999999"));
        yield return ("true", JsonValue.Create(true));
        yield return ("empty string", JsonValue.Create(""));
        yield return ("10 kB string", JsonValue.Create(new string('x', 10_000)));
        yield return ("NUL", JsonValue.Create("a\0b"));
        yield return ("control characters", JsonValue.Create("a\u0001\u001b[31mb\r\nc"));
        yield return ("zero-width", JsonValue.Create("a\u200b\u200db\ufeff"));
        yield return ("right-to-left override", JsonValue.Create("\u202egnp.exe"));
        yield return ("month with newline", JsonValue.Create("2024-01\n"));
        yield return ("far date", JsonValue.Create("9999-12-31T23:59:59Z"));
        yield return ("array", new JsonArray(1, "two", null));
        yield return ("object", new JsonObject { ["bogus_dimension"] = 1, ["vcpu"] = -5 });
    }

    /// <summary>A body of about 1 MiB: one string property that size.</summary>
    public static string Megabyte(string property) =>
        new JsonObject { [property] = new string('m', 1_048_576) }.ToJsonString();

    public static string Describe(string value) =>
        value.Length > 40 ? $"{value[..20]}…({value.Length} chars)" : value;

    public static byte[] Utf8(string text) => Encoding.Latin1.GetBytes(text);
}
