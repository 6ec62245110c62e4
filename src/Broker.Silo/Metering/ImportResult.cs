namespace Broker.Silo.Metering;

/// <summary>What became of an uploaded usage file: all of it (less source ids already imported) or none of it.</summary>
public sealed record ImportResult(
    string Id,
    string Format,
    bool Accepted,
    int Rows,
    int Inserted,
    int Duplicates,
    IReadOnlyList<ImportError> Errors,
    string ImportedBy,
    DateTimeOffset ImportedAt);
