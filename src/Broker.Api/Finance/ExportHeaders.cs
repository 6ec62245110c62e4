namespace Broker.Api.Finance;

/// <summary>
/// Column headings of the exports, Chinese first and English after a slash, so one file serves the finance bureau and
/// anyone reading it in English; the same strings in CSV and XLSX.
/// </summary>
public static class ExportHeaders
{
    public const string Department = "部门 / Department";
    public const string Period = "期间 / Period";
    public const string State = "状态 / State";
    public const string Category = "类别 / Category";
    public const string System = "系统 / System";
    public const string Resource = "资源 / Resource";
    public const string Meter = "计量项 / Meter";
    public const string Quantity = "数量 / Quantity";
    public const string Unit = "单位 / Unit";
    public const string UnitPrice = "单价 / Unit price";
    public const string Amount = "金额（元）/ Amount (CNY)";
    public const string Currency = "币种 / Currency";
    public const string OriginalPeriod = "原期间 / Original period";
    public const string Note = "备注 / Note";
    public const string Total = "合计 / Total";
    public const string Lines = "明细行数 / Lines";
    public const string AsOf = "计算时间 / As of";
    public const string SummarySheet = "汇总 Summary";

    /// <summary>The statement line columns, in order.</summary>
    public static readonly string[] LineColumns =
        [Department, Period, State, Category, System, Resource, Meter, Quantity, Unit, UnitPrice, Amount, Currency, OriginalPeriod, Note, AsOf];

    /// <summary>
    /// When an open statement was computed, in UTC as ISO 8601 (the JSON's <c>asOf</c> instant), so a file can be
    /// reconciled with another read; empty for a closed statement, whose figures no longer move.
    /// </summary>
    public static string AsOfText(Broker.Silo.Metering.Statement statement) =>
        statement.AsOf is { } asOf ? asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", global::System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>Categories the statement model names, in the order the summary shows them.</summary>
    public static readonly (string Key, string Heading)[] Categories =
    [
        ("compute", "计算 / Compute"),
        ("storage", "存储 / Storage"),
        ("database", "数据库 / Database"),
        ("imported", "导入用量 / Imported"),
        ("om", "运维费 / O&M"),
        ("sla-credit", "服务抵扣 / SLA credit"),
        ("adjustment", "调整 / Adjustment"),
    ];
}
