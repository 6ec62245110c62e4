using System.Text;
using Broker.Api.Finance;
using Broker.Silo.Metering;

namespace Broker.Api.Tests.Finance;

public sealed class StatementCsvTests
{
    [Fact]
    public void Negative_amounts_stay_numbers_while_text_that_would_run_as_a_formula_is_escaped()
    {
        StatementLine[] lines =
        [
            new("compute", "core", "r-1", "vcpu-hours", 720m, "vCPU·h", 0.0945m, 68.04m),
            new("sla-credit", "core", "r-1", "sla-credit", -0.1m, "share", 68.04m, -6.80m, Note: "=HYPERLINK(\"x\")"),
        ];
        var statement = new Statement("finance", "2026-11", "open", "CNY", lines, [], [], 61.24m);

        var rows = Encoding.UTF8.GetString(StatementCsv.Write([statement])).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, rows.Length);
        Assert.Contains(",-0.1,", rows[2], StringComparison.Ordinal);
        Assert.Contains(",-6.80,", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain("'-", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", rows[2], StringComparison.Ordinal);
        Assert.Contains(",68.04,", rows[1], StringComparison.Ordinal);
    }
}
