namespace Broker.Silo.Sla;

/// <summary>
/// The monthly satisfaction form (服务对象满意度调查) that each department's dept-admin fills in for the platform's
/// service: the scored questions, the scale, and the deadline. Validated at start by <see cref="SatisfactionOptionsValidator"/>.
/// </summary>
public sealed class SatisfactionOptions
{
    public const string SectionName = "Broker:Sla:Satisfaction";

    /// <summary>The questions, in the order the form shows them (set in appsettings.json; at least one).</summary>
    public List<SatisfactionQuestion> Questions { get; set; } = [];

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
