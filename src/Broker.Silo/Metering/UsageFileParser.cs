using System.Globalization;
using System.Text;
using System.Text.Json;
using Broker.Contracts.Common;

namespace Broker.Silo.Metering;

/// <summary>
/// Reads external usage files: CSV with a header row naming the fields (any order, case-insensitive; RFC 4180 quoting),
/// or a JSON array of objects. Line numbers are the physical line in the CSV (the header is line 1) and the element's
/// line in the JSON text. Field checks that need no database happen here; the store checks the rest.
/// </summary>
public static class UsageFileParser
{
    public static readonly string[] Fields = ["department", "system", "meter", "quantity", "unit", "period", "sourceId"];

    public static (List<ImportedRecord> Records, List<ImportError> Errors) Parse(string format, string text)
    {
        var records = new List<ImportedRecord>();
        var errors = new List<ImportError>();
        foreach (var (line, fields) in format == "csv" ? Csv(text, errors) : Json(text, errors))
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

            if (errors.Count == before)
            {
                records.Add(new ImportedRecord(line, department, system, meter, quantity, unit, period, sourceId));
            }
        }

        foreach (var duplicate in records.GroupBy(r => r.SourceId, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            errors.Add(new ImportError(duplicate.Line, "sourceId", "import.source-id-repeated", duplicate.SourceId));
        }

        if (records.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(1, "file", "import.empty"));
        }

        return (records, errors);
    }

    private static IEnumerable<(int Line, Dictionary<string, string?> Fields)> Csv(string text, List<ImportError> errors)
    {
        var rows = CsvRows(text).ToList();
        if (rows.Count == 0)
        {
            yield break;
        }

        var header = rows[0].Cells.Select(c => c.Trim()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var index = header.FindIndex(h => string.Equals(h, field, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                errors.Add(new ImportError(rows[0].Line, field, "import.column-missing"));
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

        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue; // a blank line
            }

            yield return (line, columns.ToDictionary(c => c.Key, c => c.Value < cells.Count ? cells[c.Value] : null, StringComparer.Ordinal));
        }
    }

    private static IEnumerable<(int Line, List<string> Cells)> CsvRows(string text)
    {
        var line = 1;
        var start = 1;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
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
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
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

    private static IEnumerable<(int Line, Dictionary<string, string?> Fields)> Json(string text, List<ImportError> errors)
    {
        var items = new List<(int, Dictionary<string, string?>)>();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(new ImportError(1, "file", "import.json-not-array"));
                return items;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(bytes, (int)reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(new ImportError(line, "record", "import.json-not-object"));
                    reader.Skip();
                    continue;
                }

                using var element = JsonDocument.ParseValue(ref reader);
                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in element.RootElement.EnumerateObject())
                {
                    var name = Fields.FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
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

                items.Add((line, fields));
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new ImportError((int)(ex.LineNumber ?? 0) + 1, "file", "import.json-malformed"));
        }

        return items;
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

    private static int LineOf(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }
}
