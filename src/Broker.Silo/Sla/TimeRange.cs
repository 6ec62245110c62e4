namespace Broker.Silo.Sla;

/// <summary>A half-open stretch of time [<see cref="Start"/>, <see cref="End"/>); empty when End is not after Start.</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsEmpty => End <= Start;

    public TimeSpan Length => IsEmpty ? TimeSpan.Zero : End - Start;

    public TimeRange Clip(TimeRange to) => new(Max(Start, to.Start), Min(End, to.End));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
