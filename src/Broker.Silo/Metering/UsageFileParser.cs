using System.Globalization;
using System.Text;
using System.Text.Json;
using Broker.Contracts.Common;

namespace Broker.Silo.Metering;

/// <summary>
/// Reads external usage files: CSV with a header row naming the fields (any order, case-insensitive; RFC 4180 quoting),
/// or a JSON array of objects. Line numbers are the physical line in the CSV (the header is line 1) and the element's
/// line in the JSON text. Field checks that need no database happen here; the store checks the rest.
/// The file is read once, front to back, and records are handed out as they are read, so the work and the memory are
/// linear in the file (the JSON line count used to restart from the top for every element: hours for 20 MB).
/// </summary>
public static class UsageFileParser
{
    public static readonly string[] Fields = ["department", "system", "meter", "quantity", "unit", "period", "sourceId"];

    /// <summary>
    /// The valid records of <paramref name="content"/> (UTF-8), in file order, as they are read; every refused line and
    /// field goes to <paramref name="errors"/>. A file without a single record or error gets <c>import.empty</c>.
    /// </summary>
    public static IEnumerable<ImportedRecord> Parse(string format, Stream content, List<ImportError> errors)
    {
        var any = false;
        foreach (var (line, fields) in format == "csv" ? Csv(content, errors) : Json(content, errors))
        {
            any = true;
            if (Record(line, fields, errors) is { } record)
            {
                yield return record;
            }
        }

        if (!any && errors.Count == 0)
        {
            errors.Add(new ImportError(1, "file", "import.empty"));
        }
    }

    private static ImportedRecord? Record(int line, Dictionary<string, string?> fields, List<ImportError> errors)
    {
        var before = errors.Count;
        string Get(string name)
        {
            // A refused value is neither kept nor echoed (the report is stored as jsonb, which takes no NUL).
            var value = fields.GetValueOrDefault(name)?.Trim() ?? "";
            switch (TextRules.Check(name, value, FieldLimits.ExternalId, TextShape.Line, required: true)?.Code)
            {
                case null:
                    return value;
                case TextRules.RequiredCode:
                    errors.Add(new ImportError(line, name, "import.field-required"));
                    return "";
                case TextRules.TooLongCode:
                    errors.Add(new ImportError(line, name, "import.field-too-long", FieldLimits.ExternalId.ToString(CultureInfo.InvariantCulture)));
                    return "";
                default:
                    errors.Add(new ImportError(line, name, "import.field-invalid-character", TextRules.Describe(value[TextRules.IndexOfRefused(value, TextShape.Line)])));
                    return "";
            }
        }

        var department = Get("department");
        var system = Get("system");
        var meter = Get("meter");
        var quantityText = Get("quantity");
        var unit = Get("unit");
        var periodText = Get("period");
        var sourceId = Get("sourceId");
        var quantity = 0m;
        if (quantityText.Length > 0 && (!decimal.TryParse(quantityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quantity) || decimal.Round(quantity, 6) != quantity || quantity >= 100_000_000_000_000m))
        {
            errors.Add(new ImportError(line, "quantity", "import.quantity-invalid", quantityText));
        }

        var period = default(BillingMonth);
        if (periodText.Length > 0 && !BillingMonth.TryParse(periodText, out period))
        {
            errors.Add(new ImportError(line, "period", "import.period-invalid", periodText));
        }

        return errors.Count == before ? new ImportedRecord(line, department, system, meter, quantity, unit, period, sourceId) : null;
    }

    private static IEnumerable<(int Line, Dictionary<string, string?> Fields)> Csv(Stream content, List<ImportError> errors)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        using var rows = CsvRows(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var (headerLine, headerCells) = rows.Current;
        var header = headerCells.Select(c => c.Trim()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var index = header.FindIndex(h => string.Equals(h, field, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                errors.Add(new ImportError(headerLine, field, "import.column-missing"));
            }
            else
            {
                columns[field] = index;
            }
        }

        if (columns.Count < Fields.Length)
        {
            yield break;
        }

        while (rows.MoveNext())
        {
            var (line, cells) = rows.Current;
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue; // a blank line
            }

            yield return (line, columns.ToDictionary(c => c.Key, c => c.Value < cells.Count ? cells[c.Value] : null, StringComparer.Ordinal));
        }
    }

    private static IEnumerable<(int Line, List<string> Cells)> CsvRows(TextReader text)
    {
        var line = 1;
        var start = 1;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var read = text.Read(); read >= 0; read = text.Read())
        {
            var ch = (char)read;
            if (quoted)
            {
                if (ch == '"' && text.Peek() == '"')
                {
                    cell.Append('"');
                    text.Read();
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && text.Peek() == '\n')
                {
                    text.Read();
                }

                cells.Add(cell.ToString());
                cell.Clear();
                yield return (start, cells);
                cells = [];
                line++;
                start = line;
            }
            else
            {
                cell.Append(ch);
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return (start, cells);
        }
    }

    private static IEnumerable<(int Line, Dictionary<string, string?> Fields)> Json(Stream content, List<ImportError> errors)
    {
        // The reader needs the bytes at hand; an uploaded file already is (the store is given a memory stream), so this
        // reads it in place rather than copying it.
        var bytes = content is MemoryStream memory && memory.TryGetBuffer(out var segment)
            ? segment.AsMemory((int)memory.Position)
            : ReadAll(content);
        var lines = new LineCounter();
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var offset = 0;
        var first = true;
        while (true)
        {
            (int Line, Dictionary<string, string?>? Fields)? next;
            try
            {
                next = NextJsonItem(bytes.Span, ref state, ref offset, ref first, lines, errors);
            }
            catch (JsonException ex)
            {
                errors.Add(new ImportError((int)(ex.LineNumber ?? 0) + 1, "file", "import.json-malformed"));
                yield break;
            }

            if (next is not { } item)
            {
                yield break;
            }

            if (item.Fields is { } fields)
            {
                yield return (item.Line, fields);
            }
        }
    }

    /// <summary>
    /// The next element of the array: its line and fields, its line and null for an element that is not an object
    /// (reported), or null at the end. Reader state is carried between calls, since an iterator cannot hold a ref struct.
    /// </summary>
    private static (int Line, Dictionary<string, string?>? Fields)? NextJsonItem(
        ReadOnlySpan<byte> bytes, ref JsonReaderState state, ref int offset, ref bool first, LineCounter lines, List<ImportError> errors)
    {
        var reader = new Utf8JsonReader(bytes[offset..], isFinalBlock: true, state);
        try
        {
            if (first)
            {
                first = false;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    errors.Add(new ImportError(1, "file", "import.json-not-array"));
                    return null;
                }
            }

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                return null;
            }

            var line = lines.LineAt(bytes, offset + (int)reader.TokenStartIndex);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new ImportError(line, "record", "import.json-not-object"));
                reader.Skip();
                return (line, null);
            }

            using var element = JsonDocument.ParseValue(ref reader);
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in element.RootElement.EnumerateObject())
            {
                var name = Array.Find(Fields, f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
                if (name is not null)
                {
                    fields[name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => StringOf(property.Value),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => null,
                    };
                }
            }

            return (line, fields);
        }
        finally
        {
            offset += (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }
    }

    // An escaped lone surrogate cannot become a string; one stands in for it, so the field check names its line and field.
    private static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "\uD800";
        }
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream content)
    {
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Line numbers of increasing offsets, counting each byte once over the whole file.</summary>
    private sealed class LineCounter
    {
        private int _offset;
        private int _line = 1;

        public int LineAt(ReadOnlySpan<byte> bytes, int offset)
        {
            _line += bytes[_offset..offset].Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
