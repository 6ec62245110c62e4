using Broker.Silo.Audit;
using Broker.Silo.Capacity;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Orders;

/// <summary>
/// Writes an <see cref="OrderPlacement"/> into the transaction that carries it: the order's row at version 1, fenced (a
/// row already there means the order was placed before: the transaction must fail, not overwrite it), its audit row,
/// the capacity holds of the placement, which the room counted provisionally and never writes itself, and the envelope
/// allocations of an order approved and placed at once.
/// </summary>
public sealed class OrderPlacementWriter(NpgsqlDataSource dataSource) : IAlongsideWriter
{
    public string Kind => OrderPlacement.Kind;

    public IReadOnlyList<NpgsqlBatchCommand> AddTo(NpgsqlBatch batch, string document)
    {
        var placement = BrokerJson.Deserialize<OrderPlacement>(document);
        var order = OrderStore.Upsert(placement.Order, 1);
        batch.BatchCommands.Add(order);
        AuditLog.AddInsert(batch, [placement.Audit, .. placement.Envelope?.Audits ?? []]);
        foreach (var hold in placement.Holds)
        {
            batch.BatchCommands.Add(CapacityStore.PutHold(hold));
        }

        placement.Envelope?.AddTo(batch);
        return [order];
    }

    /// <summary>
    /// The placements of one transaction: each order's fenced row (the fences in the documents' order), then one audit
    /// statement for all of them, then the holds and the envelope allocations.
    /// </summary>
    public IReadOnlyList<NpgsqlBatchCommand> AddAllTo(NpgsqlBatch batch, IReadOnlyList<string> documents)
    {
        var placements = documents.Select(BrokerJson.Deserialize<OrderPlacement>).ToList();
        var orders = placements.Select(p => OrderStore.Upsert(p.Order, 1)).ToList();
        orders.ForEach(batch.BatchCommands.Add);
        AuditLog.AddInsert(batch, [.. placements.SelectMany(p => (IEnumerable<AuditEntry>)[p.Audit, .. p.Envelope?.Audits ?? []])]);
        foreach (var hold in placements.SelectMany(p => p.Holds))
        {
            batch.BatchCommands.Add(CapacityStore.PutHold(hold));
        }

        placements.ForEach(p => p.Envelope?.AddTo(batch));
        return orders;
    }

    /// <summary>
    /// Commits a placement in a transaction of its own: for an order whose quota reservation is already durable without
    /// it (an earlier version wrote the reservation first, then crashed before the order's row).
    /// </summary>
    public async Task CommitAloneAsync(OrderPlacement placement)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var fences = AddTo(batch, BrokerJson.Serialize(placement));
        await batch.ExecuteNonQueryAsync();
        if (fences.Any(f => f.RecordsAffected != 1))
        {
            await transaction.RollbackAsync();
            throw new InvalidOperationException($"Order {placement.Order.Department}/{placement.Order.Id} already has a row; reload.");
        }

        await transaction.CommitAsync();
    }
}
