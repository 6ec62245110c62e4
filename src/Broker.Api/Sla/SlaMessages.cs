namespace Broker.Api.Sla;

/// <summary>zh-CN and en texts for the SLA assessment, satisfaction, credit and report codes, merged into <see cref="Localization.Messages"/>.</summary>
public static class SlaMessages
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["sla.format-invalid"] = ("报告格式须为 json、csv 或 xlsx。", "The report format must be json, csv or xlsx."),
        ["sla.satisfaction-not-open"] = ("该月的满意度评价表尚未开放（自该月第一天起可填写）。", "This month's satisfaction form is not open yet (it opens on the month's first day)."),
        ["sla.satisfaction-closed"] = ("该月的满意度评价表已于 {0} 截止。", "This month's satisfaction form closed at {0}."),
        ["sla.satisfaction-not-found"] = ("该部门尚未填写该月的满意度评价表。", "The department has not answered this month's satisfaction form."),
        ["sla.satisfaction-admin-only"] = ("满意度评价表只能由本部门管理员（dept-admin）填写。", "Only the department's administrator (dept-admin) answers the satisfaction form."),
        ["sla.score-out-of-range"] = ("评分须为 {0} 至 {1} 之间的整数。", "A score is a whole number from {0} to {1}."),
        ["sla.question-unknown"] = ("评价表中没有这样的问题；问题为：{0}。", "The form has no such question; its questions are: {0}."),
        ["rate-card.credit-steps-invalid"] = ("每个服务级别的赔付档次须有 1 至 {0} 档。", "Each tier's credit schedule has 1 to {0} steps."),
        ["rate-card.credit-step-invalid"] = (
            "赔付档次：低于目标的百分点须在 0 至 100 之间（最多 {0} 位小数），赔付比例须大于 0 且不超过 100（最多 {1} 位小数）。",
            "A credit step is below the target by 0 to 100 points (at most {0} decimal places) and credits more than 0 and at most 100 % (at most {1} decimal places)."),
        ["rate-card.credit-steps-unordered"] = (
            "赔付档次须按低于目标的百分点从小到大排列，且赔付比例不能减少。",
            "Credit steps go deeper below the target one after another, and a deeper step never credits less."),
    };

    /// <summary>Grade names as the reports print them; the JSON carries the code.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Grades = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
    {
        ["excellent"] = ("优秀", "Excellent"),
        ["good"] = ("良好", "Good"),
        ["pass"] = ("合格", "Pass"),
        ["fail"] = ("不合格", "Fail"),
    };
}
