namespace Broker.Api.Sla;

/// <summary>zh-CN and en texts for incidents and attainment, merged into <see cref="Localization.Messages"/>.</summary>
public static class MeasurementMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["incident.not-found"] = ("故障记录不存在。", "The incident does not exist."),
        ["incident.end-before-start"] = ("结束时间须晚于开始时间。", "The end must be after the start."),
        ["incident.time-out-of-range"] = ("时间须在 2000 年至 2199 年之间。", "Times must fall between the years 2000 and 2199."),
        ["incident.announced-required"] = ("计划内维护须填写通知时间。", "Planned maintenance needs the time it was announced."),
        ["incident.announced-in-future"] = ("通知时间不能晚于当前时间。", "The announcement cannot be later than now."),
        ["incident.name-invalid"] = ("名称“{0}”无效：须为小写字母、数字和连字符。", "'{0}' is not a valid name: lower-case letters, digits and hyphens."),
        ["incident.backend-unknown"] = ("未配置的后端“{0}”（已配置：{1}）。", "Backend '{0}' is not configured (configured: {1})."),
        ["incident.scope-required"] = (
            "请指明受影响的资源、资源池或后端，或将 wholePlatform 设为 true 表示整个平台。",
            "Name the affected resources, pools or backends, or set wholePlatform to true for the whole platform."),
        ["incident.scope-conflict"] = ("wholePlatform 为 true 时不能再列出资源、资源池或后端。", "With wholePlatform true, list no resources, pools or backends."),
        ["sla.period-invalid"] = (
            "期间须为月份（2026-11）、季度（2026-Q4）或年度（2026），年份 2000 至 2200。",
            "A period is a month (2026-11), a quarter (2026-Q4) or a year (2026), year 2000 to 2200."),
        ["sla.scope-invalid"] = ("统计维度须为 {0} 之一。", "The scope must be one of {0}."),
        ["sla.outage-target-unknown"] = ("模拟机房中没有主机或主机组“{0}”。", "The simulated room has no host or host group '{0}'."),
        ["sla.outage-minutes-invalid"] = ("故障时长须为 1 到 {0} 分钟。", "An outage lasts 1 to {0} minutes."),
        ["sla.outage-not-here"] = (
            "模拟故障只能注入到与 API 同一进程中的模拟机房（角色 all）。",
            "Simulated outages can only be injected into a simulated room in the API's own process (role all)."),
    };
}
