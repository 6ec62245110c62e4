using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Resources;

/// <summary>
/// Writes a <see cref="ResourceAppend"/> into the department's transaction that carries it. No fence: the journal's
/// primary key (resource_id, seq) refuses an append made twice, which fails that transaction, as any second writer must.
/// </summary>
public sealed class ResourceAppendWriter : IAlongsideWriter
{
    public string Kind => ResourceAppend.Kind;

    public IReadOnlyList<NpgsqlBatchCommand> AddTo(NpgsqlBatch batch, string document)
    {
        ResourceJournal.AddTo(batch, BrokerJson.Deserialize<ResourceAppend>(document));
        return [];
    }

    /// <summary>Every resource's rows in the transaction in three statements, as the resource journal writes them.</summary>
    public IReadOnlyList<NpgsqlBatchCommand> AddAllTo(NpgsqlBatch batch, IReadOnlyList<string> documents)
    {
        ResourceJournal.AddTo(batch, ResourceAppend.Merge([.. documents.Select(BrokerJson.Deserialize<ResourceAppend>)]));
        return [];
    }
}
