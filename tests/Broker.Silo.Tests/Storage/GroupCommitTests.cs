using System.Collections.Concurrent;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Silo.Tests.Storage;

public sealed class GroupCommitTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A transaction writer that records what it was handed, holds each "gate" write until that gate is released, and
    /// fails any transaction that contains "bad" (as PostgreSQL fails a whole transaction on one duplicate key).
    /// </summary>
    private sealed class Recorder : IAsyncDisposable
    {
        private readonly Dictionary<string, TaskCompletionSource> _gates = new()
        {
            ["gate-1"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["gate-2"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };

        public ConcurrentQueue<string[]> Transactions { get; } = new();

        public SemaphoreSlim GatesEntered { get; } = new(0);

        public void Release(string gate) => _gates[gate].TrySetResult();

        public ValueTask DisposeAsync()
        {
            foreach (var gate in _gates.Values)
            {
                gate.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        public async Task WriteManyAsync(IReadOnlyList<string> writes)
        {
            Transactions.Enqueue([.. writes]);
            if (writes.FirstOrDefault(w => _gates.ContainsKey(w)) is { } gate)
            {
                GatesEntered.Release();
                await _gates[gate].Task;
            }

            if (writes.Contains("bad"))
            {
                throw new InvalidOperationException("duplicate key");
            }

            if (writes.Contains("unanswered"))
            {
                throw new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
            }
        }
    }

    /// <summary>
    /// One gate at a time, so each writer holds one (queued together, one writer would take both). Then releasing only
    /// gate-1 lets exactly one writer drain what was queued meanwhile: with both free, they could split it between them.
    /// </summary>
    private static async Task<Task[]> HoldBothWritersAsync(GroupCommit<string> commit, Recorder recorder)
    {
        var first = commit.WriteAsync("gate-1");
        Assert.True(await recorder.GatesEntered.WaitAsync(Deadline), "the first writer holds a gate");
        var second = commit.WriteAsync("gate-2");
        Assert.True(await recorder.GatesEntered.WaitAsync(Deadline), "the second writer holds a gate");
        return [first, second];
    }

    [Fact]
    public async Task Writes_queued_while_both_writers_are_busy_share_one_transaction()
    {
        var recorder = new Recorder();
        await using var commit = new GroupCommit<string>("test", recorder.WriteManyAsync, NullLogger.Instance);
        // Disposal waits for the writers: never leave one held at a gate when an assertion fails.
        await using var release = recorder;
        var gates = await HoldBothWritersAsync(commit, recorder);

        var queued = new[] { commit.WriteAsync("a"), commit.WriteAsync("b"), commit.WriteAsync("c") };
        recorder.Release("gate-1");
        await Task.WhenAll(queued).WaitAsync(Deadline);
        recorder.Release("gate-2");
        await Task.WhenAll(gates).WaitAsync(Deadline);

        // Two gate transactions, then the three queued writes together in one.
        Assert.Equal(3, recorder.Transactions.Count);
        Assert.Contains(recorder.Transactions, t => t.SequenceEqual(["a", "b", "c"]));
    }

    [Fact]
    public async Task A_failed_shared_transaction_is_retried_write_by_write_and_fails_only_the_bad_write()
    {
        var recorder = new Recorder();
        await using var commit = new GroupCommit<string>("test", recorder.WriteManyAsync, NullLogger.Instance);
        // Disposal waits for the writers: never leave one held at a gate when an assertion fails.
        await using var release = recorder;
        var gates = await HoldBothWritersAsync(commit, recorder);

        var good1 = commit.WriteAsync("a");
        var bad = commit.WriteAsync("bad");
        var good2 = commit.WriteAsync("b");
        recorder.Release("gate-1");

        await good1.WaitAsync(Deadline);
        await good2.WaitAsync(Deadline);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Deadline));
        Assert.Equal("duplicate key", error.Message);
        recorder.Release("gate-2");
        await Task.WhenAll(gates).WaitAsync(Deadline);
        // The shared attempt, then each write on its own.
        Assert.Contains(recorder.Transactions, t => t.SequenceEqual(["a", "bad", "b"]));
        Assert.Equal(1, recorder.Transactions.Count(t => t.SequenceEqual(["a"])));
        Assert.Equal(1, recorder.Transactions.Count(t => t.SequenceEqual(["bad"])));
        Assert.Equal(1, recorder.Transactions.Count(t => t.SequenceEqual(["b"])));
    }

    [Fact]
    public async Task A_shared_transaction_that_PostgreSQL_did_not_answer_fails_all_its_writes_without_retrying_each()
    {
        var recorder = new Recorder();
        await using var commit = new GroupCommit<string>("test", recorder.WriteManyAsync, NullLogger.Instance);
        await using var release = recorder;
        var gates = await HoldBothWritersAsync(commit, recorder);

        var queued = new[] { commit.WriteAsync("a"), commit.WriteAsync("unanswered"), commit.WriteAsync("b") };
        recorder.Release("gate-1");

        foreach (var write in queued)
        {
            await Assert.ThrowsAsync<NpgsqlException>(() => write.WaitAsync(Deadline));
        }

        recorder.Release("gate-2");
        await Task.WhenAll(gates).WaitAsync(Deadline);
        // The shared attempt only: two gates and one transaction.
        Assert.Equal(3, recorder.Transactions.Count);
        Assert.Contains(recorder.Transactions, t => t.SequenceEqual(["a", "unanswered", "b"]));
    }

    [Fact]
    public void A_refusal_by_PostgreSQL_is_answered_and_a_timeout_is_not()
    {
        Assert.True(GroupCommit<string>.Unanswered(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.False(GroupCommit<string>.Unanswered(new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(GroupCommit<string>.Unanswered(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task A_write_after_disposal_is_refused()
    {
        var recorder = new Recorder();
        var commit = new GroupCommit<string>("test", recorder.WriteManyAsync, NullLogger.Instance);
        await commit.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => commit.WriteAsync("late"));
        Assert.Empty(recorder.Transactions);
    }
}
