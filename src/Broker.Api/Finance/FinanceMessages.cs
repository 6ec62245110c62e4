namespace Broker.Api.Finance;

/// <summary>zh-CN and en texts for the finance views' error codes, merged into <see cref="Localization.Messages"/>.</summary>
public static class FinanceMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["finance.period-invalid"] = ("期间须为 yyyy-MM 格式的月份（如 2026-11），年份 2000 至 2200。", "A period is a month written yyyy-MM (e.g. 2026-11), year 2000 to 2200."),
        ["finance.range-invalid"] = ("起始月份不能晚于结束月份，跨度最多 {0} 个月。", "The first month must not be after the last, and a range spans at most {0} months."),
        ["finance.format-invalid"] = ("导出格式须为 csv 或 xlsx。", "The export format must be csv or xlsx."),
        ["finance.year-invalid"] = ("年度须为 2000 至 2200 之间的整数。", "The year must be a whole number from 2000 to 2200."),
        ["finance.amount-invalid"] = (
            "预算金额须大于零、最多两位小数，且不超过 1 万亿元。",
            "The budget must be greater than zero, have at most two decimal places and not exceed 1 trillion CNY."),
        ["finance.budget-not-found"] = ("该部门本年度未设置预算。", "The department has no budget for this year."),
    };
}
