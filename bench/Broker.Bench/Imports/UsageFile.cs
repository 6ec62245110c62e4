using System.Globalization;
using System.Text;

namespace Broker.Bench.Imports;

/// <summary>A usage file of valid records for the bench department, each with a source id of its own.</summary>
public static class UsageFile
{
    public static byte[] Generate(string format, int records, string prefix)
    {
        var text = new StringBuilder(records * 120);
        text.Append(format == "csv" ? "department,system,meter,quantity,unit,period,sourceId\n" : "[\n");
        for (var i = 0; i < records; i++)
        {
            var quantity = (1 + (i % 997) / 10m).ToString(CultureInfo.InvariantCulture);
            var month = 1 + (i % 11);
            if (format == "csv")
            {
                text.Append(CultureInfo.InvariantCulture, $"bench,core,uplink-mbps,{quantity},Mbps-month,2026-{month:00},{prefix}-{i}\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture,
                    $$"""  {"department": "bench", "system": "core", "meter": "uplink-mbps", "quantity": {{quantity}}, "unit": "Mbps-month", "period": "2026-{{month:00}}", "sourceId": "{{prefix}}-{{i}}"}{{(i + 1 < records ? "," : "")}}""");
                text.Append('\n');
            }
        }

        if (format == "json")
        {
            text.Append("]\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
