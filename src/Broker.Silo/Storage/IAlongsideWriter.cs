using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// Turns one kind of <see cref="Broker.Contracts.Common.AlongsideWrite"/> into statements of the transaction that carries
/// it. Registered in the silo's services, one per <see cref="Kind"/>; the committing grain looks the writer up by kind.
/// </summary>
public interface IAlongsideWriter
{
    string Kind { get; }

    /// <summary>
    /// Adds the statements for <paramref name="document"/> to <paramref name="batch"/> and returns those that must each
    /// affect exactly one row (version fences): if one affects none, the committer rolls the transaction back and fails.
    /// </summary>
    IReadOnlyList<NpgsqlBatchCommand> AddTo(NpgsqlBatch batch, string document);

    /// <summary>
    /// Adds the statements for all of <paramref name="documents"/>, which one transaction carries; one document at a
    /// time unless the writer can merge them into fewer statements (a writer without fences may).
    /// </summary>
    IReadOnlyList<NpgsqlBatchCommand> AddAllTo(NpgsqlBatch batch, IReadOnlyList<string> documents) => [.. documents.SelectMany(d => AddTo(batch, d))];
}
