using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// An <see cref="Broker.Contracts.Common.AlongsideWrite"/> whose writer has been found: ready to be added to the
/// transaction that carries it, as often as that transaction is tried (a batch command belongs to one batch).
/// </summary>
public sealed record AlongsideRows(IAlongsideWriter Writer, string Document)
{
    /// <summary>Adds the rows' statements to <paramref name="batch"/>; returns the fences that must each affect exactly one row.</summary>
    public IReadOnlyList<NpgsqlBatchCommand> AddTo(NpgsqlBatch batch) => Writer.AddTo(batch, Document);

    /// <summary>Throws when a fence of <paramref name="fences"/> affected no row (or several): the caller must roll back.</summary>
    public static void EnsureFencesHeld(IEnumerable<(string Owner, NpgsqlBatchCommand Fence)> fences)
    {
        var failed = fences.Where(f => f.Fence.RecordsAffected != 1).Select(f => f.Owner).Distinct(StringComparer.Ordinal).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"Rows written alongside the decision of {string.Join(", ", failed)} found their fence moved; nothing was committed.");
        }
    }
}
