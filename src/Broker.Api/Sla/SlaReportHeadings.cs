using System.Globalization;

namespace Broker.Api.Sla;

/// <summary>
/// The words of the SLA report's CSV and XLSX in one language: Chinese (the default, for the departments and the finance
/// bureau) or English, chosen by the request's culture (Accept-Language, or <c>?culture=en</c>).
/// </summary>
public sealed record SlaReportHeadings(
    string Kind, string Department, string Period, string System, string Resource, string Plan, string Tier, string Target,
    string ServiceMinutes, string DownMinutes, string Attained, string Met, string Outages, string OutageSpans, string OriginalPeriod,
    string Credit, string State, string AsOf, string Start, string End, string CountedMinutes, string Source, string Planned,
    string Incident, string Description, string Total, string ResourceRow, string AdjustmentRow, string Yes, string No,
    string ResourcesSheet, string OutagesSheet, string MinutesWord)
{
    public static readonly SlaReportHeadings Chinese = new(
        "行类型", "部门", "期间", "系统", "资源", "套餐", "服务级别", "目标可用性（%）",
        "服务分钟数", "故障分钟数", "达标率（%）", "是否达标", "故障次数", "故障时段", "原期间",
        "服务抵扣（元）", "账单状态", "计算时间", "开始", "结束", "计入分钟数", "来源", "计划内维护",
        "故障单", "说明", "合计", "资源", "抵扣调整", "是", "否",
        "资源", "故障", "分钟");

    public static readonly SlaReportHeadings English = new(
        "Row", "Department", "Period", "System", "Resource", "Plan", "Tier", "Target (%)",
        "Service minutes", "Down minutes", "Attained (%)", "Met", "Outages", "Outage spans", "Original period",
        "Credit (CNY)", "Statement state", "As of", "Start", "End", "Counted minutes", "Source", "Planned",
        "Incident", "Description", "Total", "resource", "credit adjustment", "yes", "no",
        "Resources", "Outages", "min");

    public static SlaReportHeadings For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" ? Chinese : English;

    /// <summary>The resource sheet's (and the CSV's) columns, in order.</summary>
    public string[] ResourceColumns =>
        [Kind, Department, Period, System, Resource, Plan, Tier, Target, ServiceMinutes, DownMinutes, Attained, Met, Outages, OutageSpans, OriginalPeriod, Credit, State, AsOf];

    public string[] OutageColumns => [Department, Period, System, Resource, Start, End, CountedMinutes, Source, Planned, Incident, Description];

    /// <summary>Times as Asia/Shanghai wall-clock with the offset, the way the departments read them.</summary>
    public static string Time(DateTimeOffset instant) =>
        instant.ToOffset(Silo.Metering.BillingMonth.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
