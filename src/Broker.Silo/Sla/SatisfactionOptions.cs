namespace Broker.Silo.Sla;

/// <summary>
/// The monthly satisfaction form (服务对象满意度调查) that each department's dept-admin fills in for the platform's
/// service: the scored questions, the scale, and the deadline. Validated at start by <see cref="SatisfactionOptionsValidator"/>.
/// </summary>
public sealed class SatisfactionOptions
{
    public const string SectionName = "Broker:Sla:Satisfaction";

    /// <summary>
    /// The questions, in the order the form shows them; <see cref="DefaultQuestions"/> when the configuration lists none
    /// (a configured list replaces the default form whole, since configuration binding appends to a list it finds filled).
    /// </summary>
    public List<SatisfactionQuestion> Questions { get; set; } = [];

    /// <summary>The platform's default form: availability, response, delivery, communication.</summary>
    public static IReadOnlyList<SatisfactionQuestion> DefaultQuestions { get; } =
    [
        new() { Code = "availability", Zh = "平台提供的资源稳定可靠，满足服务级别", En = "The platform's resources were available and reliable, as the service level promises" },
        new() { Code = "response", Zh = "故障处理和服务请求响应及时", En = "Incidents and service requests were handled promptly" },
        new() { Code = "delivery", Zh = "资源申请交付及时、准确", En = "Ordered resources were delivered promptly and as ordered" },
        new() { Code = "communication", Zh = "计划内维护提前告知，沟通顺畅", En = "Planned maintenance was announced ahead and communication was clear" },
    ];

    /// <summary>The lowest score an answer may give (default 1).</summary>
    public int ScaleMin { get; set; } = 1;

    /// <summary>The highest score (default 5).</summary>
    public int ScaleMax { get; set; } = 5;

    /// <summary>
    /// The form for a month can be answered from that month's first day until the end of this day of the following month
    /// (Asia/Shanghai), 1 to 28 (default 10: November's form closes at midnight ending December 10).
    /// </summary>
    public int DeadlineDay { get; set; } = 10;
}

/// <summary>One scored question: a stable code answers are stored under, its texts, and its weight in the form's score.</summary>
public sealed class SatisfactionQuestion
{
    public string Code { get; set; } = "";

    public string Zh { get; set; } = "";

    public string En { get; set; } = "";

    /// <summary>Relative weight in the department's satisfaction score (default 1).</summary>
    public decimal Weight { get; set; } = 1m;
}
