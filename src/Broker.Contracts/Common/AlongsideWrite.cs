namespace Broker.Contracts.Common;

/// <summary>
/// Rows another grain asks to have committed in the same PostgreSQL transaction as a decision it depends on (an order's
/// first row and its capacity holds, with the quota reservation that admits it), so that the decision and its record are
/// durable together or not at all. <see cref="Kind"/> names the silo-side writer that turns <see cref="Document"/> (JSON
/// of that writer's own record) into statements; the grain that commits it knows nothing of what it carries.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.AlongsideWrite")]
public sealed record AlongsideWrite(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Document);
