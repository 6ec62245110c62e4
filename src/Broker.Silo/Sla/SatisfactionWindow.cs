using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// When a month's satisfaction form can be answered: from the month's first instant until the end of
/// <see cref="SatisfactionOptions.DeadlineDay"/> of the following month, Asia/Shanghai (the deadline instant itself is
/// already too late). Decided on the broker's business clock at the moment the answer arrives.
/// </summary>
public static class SatisfactionWindow
{
    public const string NotOpen = "sla.satisfaction-not-open";

    public const string Closed = "sla.satisfaction-closed";

    public static DateTimeOffset Opens(BillingMonth month) => month.Start;

    public static DateTimeOffset Closes(BillingMonth month, int deadlineDay) =>
        BillingMonth.StartOf(new DateOnly(month.Next.Year, month.Next.Month, deadlineDay).AddDays(1));

    /// <summary>null while the form takes answers; otherwise the refusal's code.</summary>
    public static string? Refusal(BillingMonth month, int deadlineDay, DateTimeOffset now) =>
        now < Opens(month) ? NotOpen : now >= Closes(month, deadlineDay) ? Closed : null;
}
