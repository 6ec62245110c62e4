namespace Broker.Silo.Metering;

/// <summary>
/// One row of the ledger as finance reads it: what a resource held from <see cref="StartedAt"/> to
/// <see cref="EndedAt"/> (open while null), between the journal events <see cref="OpenedSeq"/> and
/// <see cref="ClosedSeq"/>. Statements are rated from exactly these rows.
/// </summary>
/// <param name="WrittenAt">When the row was last written: a row written after its month closed became an adjustment.</param>
public sealed record LedgerInterval(
    string ResourceId,
    long OpenedSeq,
    long? ClosedSeq,
    string Department,
    string SystemId,
    string Kind,
    string PlanCode,
    int PlanVersion,
    string SlaTier,
    bool Running,
    int Vcpu,
    int MemoryGib,
    int StorageGib,
    int Instances,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset WrittenAt);
