namespace Broker.Contracts.Resources;

/// <summary>
/// What one sweep visited: resources still converging, resources whose lease needed action (a resource can be both and
/// is then visited once), and visits that failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceSweep")]
public sealed record ResourceSweep(
    [property: Id(0)] int Converging,
    [property: Id(1)] int LeaseDue,
    [property: Id(2)] int Failed);
