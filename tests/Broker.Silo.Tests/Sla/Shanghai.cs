namespace Broker.Silo.Tests.Sla;

/// <summary>Instants written as the Asia/Shanghai wall clock the SLA is stated in.</summary>
internal static class Shanghai
{
    public static DateTimeOffset At(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
