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
}
