using System.Buffers;
using System.Globalization;

namespace Broker.Contracts.Common;

/// <summary>
/// The one check for a text field: present when required, not longer than its limit (<see cref="FieldLimits"/>), and
/// made only of characters that a person can see and PostgreSQL can store. Returns the error naming the field, or
/// null; the API (to list every bad field at once) and the grains (which trust no caller) share it.
/// </summary>
/// <remarks>
/// Refused everywhere: C0 control characters (NUL makes PostgreSQL refuse the row) except tab, line feed and carriage
/// return in a <see cref="TextShape.Paragraph"/>; DEL and the C1 controls; the bidirectional embeddings, overrides and
/// isolates that make text read differently from what is stored ("Trojan Source"); unpaired surrogates and the
/// noncharacters U+FFFE and U+FFFF. Refused in a <see cref="TextShape.Line"/> as well: tab and line breaks, and the
/// invisible characters that let two names look alike (zero-width spaces and joiners, direction marks, word joiner,
/// soft hyphen, byte order mark).
/// </remarks>
public static class TextRules
{
    public const string RequiredCode = "field.required";
    public const string TooLongCode = "field.too-long";
    public const string InvalidCharacterCode = "field.invalid-character";

    private static readonly SearchValues<char> RefusedEverywhere = SearchValues.Create(Everywhere());
    private static readonly SearchValues<char> RefusedInLine = SearchValues.Create(Everywhere() + "\t\n\r" + Invisible);

    private const string Invisible = "\u00AD\u061C\u180E\u200B\u200C\u200D\u200E\u200F\u2028\u2029\u2060\u2061\u2062\u2063\u2064\uFEFF";

    /// <summary>
    /// The error for <paramref name="value"/> in <paramref name="field"/>, or null when it is acceptable. Blank
    /// (null, empty or white space) is an error only when <paramref name="required"/>.
    /// </summary>
    public static BrokerError? Check(string field, string? value, int max, TextShape shape = TextShape.Line, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Invalid(field, RequiredCode) : null;
        }

        if (value.Length > max)
        {
            return Invalid(field, TooLongCode, max.ToString(CultureInfo.InvariantCulture));
        }

        var at = IndexOfRefused(value, shape);
        return at < 0 ? null : Invalid(field, InvalidCharacterCode, Describe(value[at]));
    }

    /// <summary>Checks <paramref name="value"/> and adds its error, if any, to <paramref name="errors"/>.</summary>
    public static void Check(List<BrokerError> errors, string field, string? value, int max, TextShape shape = TextShape.Line, bool required = false)
    {
        if (Check(field, value, max, shape, required) is { } error)
        {
            errors.Add(error);
        }
    }

    /// <summary>Where the first character <paramref name="shape"/> refuses is, or -1.</summary>
    public static int IndexOfRefused(ReadOnlySpan<char> text, TextShape shape)
    {
        var at = text.IndexOfAny(shape == TextShape.Line ? RefusedInLine : RefusedEverywhere);
        var surrogate = IndexOfUnpairedSurrogate(text);
        return at < 0 ? surrogate : surrogate < 0 ? at : Math.Min(at, surrogate);
    }

    /// <summary>How an error names a refused character: <c>U+0000</c>.</summary>
    public static string Describe(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    private static int IndexOfUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return -1;
        }

        for (; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Everywhere()
    {
        var chars = new List<char>();
        for (var c = '\u0000'; c <= '\u001F'; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                chars.Add(c);
            }
        }

        for (var c = '\u007F'; c <= '\u009F'; c++)
        {
            chars.Add(c);
        }

        chars.AddRange("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFFFE\uFFFF");
        return new string([.. chars]);
    }

    private static BrokerError Invalid(string field, string code, string? detail = null) => new(BrokerErrorKind.Invalid, code, field, detail);
}
