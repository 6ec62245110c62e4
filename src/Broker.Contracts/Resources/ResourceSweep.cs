namespace Broker.Contracts.Resources;

/// <summary>
/// What one sweep visited: resources still converging, resources whose lease needed action (a resource can be both and
/// is then visited once), visits that failed, and quota reservations the quota pass repaired because they no longer
/// matched the live resources.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceSweep")]
public sealed record ResourceSweep(
    [property: Id(0)] int Converging,
    [property: Id(1)] int LeaseDue,
    [property: Id(2)] int Failed,
    [property: Id(3)] int QuotaRepairs = 0);
