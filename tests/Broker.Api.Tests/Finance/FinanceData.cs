using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Silo.Metering;
using static Broker.Silo.Tests.Chargeback.FixedStatements;

namespace Broker.Api.Tests.Finance;

/// <summary>Departments with statements for the finance tests; every test makes its own.</summary>
public static class FinanceData
{
    public static async Task<string> DepartmentAsync(FinanceApiFactory broker, string prefix)
    {
        var code = await Setup.Department(prefix).CreateAsync(broker);
        broker.Statements.AddDepartment(code);
        return code;
    }

    /// <summary>A department with an October 2026 statement of three lines, one with a note a spreadsheet would run.</summary>
    public static async Task<(string Code, Statement October)> BilledAsync(FinanceApiFactory broker, string prefix)
    {
        var code = await DepartmentAsync(broker, prefix);
        var october = broker.Statements.Add(code, "2026-10",
            Line("tax", "compute", 1234.56m, resource: "vm-1", meter: "vcpu-hour", quantity: 2976m, unit: "vCPU·h", unitPrice: 0.414839m),
            Line("tax", "storage", 20.00m, resource: "vm-1", meter: "storage-gib-month", quantity: 100m, unit: "GiB·月", unitPrice: 0.2m, note: "扩容, \"临时\""),
            Line("portal", "om", 833.33m, meter: "om-fee", quantity: 1m, unit: "月", unitPrice: 833.33m, note: "=1+1"));
        return (code, october);
    }
}
