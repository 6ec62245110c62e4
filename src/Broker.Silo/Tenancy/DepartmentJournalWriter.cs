using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Tenancy;

/// <summary>
/// Group commit across departments. Each department grain already batches its own decisions, but when many quiet
/// departments each write one entry, every admission would pay a commit of its own; this writer lets the writes
/// of all departments that arrive together share one transaction. A failed shared transaction is retried department
/// by department, so one department's collision (a second activation) fails only that department.
/// </summary>
public sealed class DepartmentJournalWriter(DepartmentJournal journal, ILogger<DepartmentJournalWriter> logger) : IAsyncDisposable
{
    private readonly GroupCommit<(string Department, IReadOnlyList<JournalEntry> Entries, DepartmentState? Directory)> _commit =
        new("department journal", writes => journal.AppendManyAsync(writes), logger);

    /// <summary>Completes when the entries, their audit rows and the directory row are committed.</summary>
    public Task WriteAsync(string department, IReadOnlyList<JournalEntry> entries, DepartmentState? directory) =>
        _commit.WriteAsync((department, entries, directory));

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
