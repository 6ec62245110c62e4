namespace Broker.Contracts.Common;

/// <summary>Which characters a text field may hold (see <see cref="TextRules"/>).</summary>
public enum TextShape
{
    /// <summary>One line: names, codes, labels. No control characters, no invisible or direction-changing characters.</summary>
    Line = 0,

    /// <summary>Free text: like a line, but tabs and line breaks are allowed.</summary>
    Paragraph = 1,
}
