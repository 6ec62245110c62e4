namespace Broker.Silo.Metering;

/// <summary>
/// What makes two pieces of usage one statement line: same resource, meter and unit price (and card/tier note). The
/// quantity is summed exactly, as integer units over <see cref="Divisor"/> (ticks per hour, or ticks in the month).
/// </summary>
public readonly record struct LineKey(
    string Category,
    string SystemId,
    string? ResourceId,
    string Meter,
    string Unit,
    decimal UnitPrice,
    long Divisor,
    string Note);
