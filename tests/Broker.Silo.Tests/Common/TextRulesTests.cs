using Broker.Contracts.Common;

namespace Broker.Silo.Tests.Common;

public sealed class TextRulesTests
{
    [Fact]
    public void A_text_of_exactly_the_maximum_passes_and_one_more_character_is_too_long_with_the_maximum_as_detail()
    {
        Assert.Null(TextRules.Check("nameZh", new string('局', 200), 200));

        var error = TextRules.Check("nameZh", new string('局', 201), 200);

        Assert.Equal(new BrokerError(BrokerErrorKind.Invalid, "field.too-long", "nameZh", "200"), error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n")]
    public void Blank_is_an_error_only_when_required(string? value)
    {
        Assert.Null(TextRules.Check("note", value, 10));
        Assert.Equal("field.required", TextRules.Check("note", value, 10, required: true)?.Code);
    }

    [Theory]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("\u001b[31mred", "U+001B")]
    [InlineData("del\u007f", "U+007F")]
    [InlineData("c1\u0085", "U+0085")]
    [InlineData("evil\u202Egnp.exe", "U+202E")]
    [InlineData("isolate\u2066x", "U+2066")]
    [InlineData("non\uFFFF", "U+FFFF")]
    public void Controls_direction_overrides_and_broken_surrogates_are_refused_in_every_shape(string value, string character)
    {
        foreach (var shape in new[] { TextShape.Line, TextShape.Paragraph })
        {
            var error = TextRules.Check("field", value, 100, shape);
            Assert.Equal(("field.invalid-character", "field", character), (error?.Code, error?.Field, error?.Detail));
        }
    }

    [Theory]
    [InlineData("two\nlines", "U+000A")]
    [InlineData("tab\there", "U+0009")]
    [InlineData("zero\u200Bwidth", "U+200B")]
    [InlineData("joiner\u200Dhere", "U+200D")]
    [InlineData("mark\u200Fhere", "U+200F")]
    [InlineData("\uFEFFbom", "U+FEFF")]
    [InlineData("soft\u00ADhyphen", "U+00AD")]
    public void Line_breaks_and_invisible_characters_are_refused_in_a_line_but_not_in_a_paragraph(string value, string character)
    {
        Assert.Equal(character, TextRules.Check("name", value, 100, TextShape.Line)?.Detail);
        Assert.Null(TextRules.Check("note", value, 100, TextShape.Paragraph));
    }

    [Theory]
    [InlineData("住房公积金管理中心")]
    [InlineData("Zhang San (IT), 010-1234 #2")]
    [InlineData("emoji 👍 pairs stay whole")]
    [InlineData("Ünïcödé ñame")]
    public void Ordinary_text_in_any_script_passes(string value)
    {
        Assert.Null(TextRules.Check("name", value, 100));
        Assert.Equal(-1, TextRules.IndexOfRefused(value, TextShape.Line));
    }

    // Built in code: an attribute argument cannot carry a lone surrogate (metadata stores UTF-8).
    [Fact]
    public void Unpaired_surrogates_are_refused_and_a_pair_is_not()
    {
        Assert.Equal("U+D800", TextRules.Check("field", "broken" + '\uD800', 100, TextShape.Paragraph)?.Detail);
        Assert.Equal("U+DC00", TextRules.Check("field", '\uDC00' + "low first", 100, TextShape.Paragraph)?.Detail);
        Assert.Equal("U+D83D", TextRules.Check("field", "a" + '\uD83D' + "b" + '\uDC4D', 100)?.Detail);
        Assert.Null(TextRules.Check("field", "a" + '\uD83D' + '\uDC4D', 100));
    }

    [Fact]
    public void The_first_refused_character_is_the_one_reported()
    {
        Assert.Equal(3, TextRules.IndexOfRefused("abc\u0001" + '\uD800', TextShape.Paragraph));
        Assert.Equal(3, TextRules.IndexOfRefused("abc" + '\uD800' + "\u0001", TextShape.Paragraph));
    }
}
