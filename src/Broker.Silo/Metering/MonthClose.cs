namespace Broker.Silo.Metering;

/// <summary>A month finance closed; <see cref="Watermark"/> is the database clock the late-usage check compares with.</summary>
public sealed record MonthClose(string Period, DateTimeOffset ClosedAt, string ClosedBy, DateTimeOffset Watermark);
