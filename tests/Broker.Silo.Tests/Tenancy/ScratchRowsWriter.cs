using System.Collections.Concurrent;
using System.Text.Json;
using Broker.Contracts.Common;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Tests.Tenancy;

/// <summary>
/// A test-only <see cref="IAlongsideWriter"/>: inserts a row into a scratch table and fences on a row of another, the
/// shape of an order's first row and its version fence. It can also throw, or make its transaction wait for an advisory
/// lock the test holds (to keep the shared writer busy while other departments' writes queue up behind it).
/// </summary>
public sealed class ScratchRowsWriter : IAlongsideWriter
{
    public const string KindName = "test.scratch-rows";

    public const string CreateTables = """
        create table alongside_rows (id text primary key);
        create table alongside_fences (id text primary key, touched int not null default 0);
        """;

    public string Kind => KindName;

    /// <summary>Every batch the writer was asked into, with the row it added: which rows shared a transaction attempt.</summary>
    public ConcurrentQueue<(NpgsqlBatch Batch, string Row)> Calls { get; } = new();

    public static AlongsideWrite Write(string row, string fence, bool throws = false, int? waitForLock = null) =>
        new(KindName, JsonSerializer.Serialize(new Rows(row, fence, throws, waitForLock)));

    public IReadOnlyList<NpgsqlBatchCommand> AddTo(NpgsqlBatch batch, string document)
    {
        var rows = JsonSerializer.Deserialize<Rows>(document)!;
        Calls.Enqueue((batch, rows.Row));
        if (rows.Throws)
        {
            throw new InvalidOperationException($"The scratch writer refused row {rows.Row}.");
        }

        if (rows.WaitForLock is { } key)
        {
            var wait = new NpgsqlBatchCommand("select pg_advisory_xact_lock(@key)");
            wait.Parameters.Add(new NpgsqlParameter<long>("key", key));
            batch.BatchCommands.Add(wait);
        }

        var insert = new NpgsqlBatchCommand("insert into alongside_rows (id) values (@id)");
        insert.Parameters.Add(new NpgsqlParameter<string>("id", rows.Row));
        batch.BatchCommands.Add(insert);
        var fence = new NpgsqlBatchCommand("update alongside_fences set touched = touched + 1 where id = @fence");
        fence.Parameters.Add(new NpgsqlParameter<string>("fence", rows.Fence));
        batch.BatchCommands.Add(fence);
        return [fence];
    }

    private sealed record Rows(string Row, string Fence, bool Throws, int? WaitForLock);
}
