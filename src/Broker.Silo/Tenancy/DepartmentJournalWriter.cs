using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Tenancy;

/// <summary>
/// Group commit across departments. Each department grain already batches its own decisions, but when many quiet
/// departments each write one entry, every admission would pay a commit of its own; this writer lets the writes
/// of all departments that arrive together share one transaction. A failed shared transaction is retried department
/// by department, so one department's collision (a second activation) fails only that department.
/// </summary>
/// <remarks>
/// Rows written alongside a department's decisions (<see cref="AlongsideRows"/>) travel in that department's write,
/// so a fence that fails fails the shared transaction, and the retry one by one fails that department's write alone.
/// </remarks>
public sealed class DepartmentJournalWriter(DepartmentJournal journal, IEnumerable<IAlongsideWriter> alongsideWriters, ILogger<DepartmentJournalWriter> logger)
    : IAsyncDisposable
{
    private readonly GroupCommit<DepartmentWrite> _commit = new("department journal", writes => journal.AppendManyAsync(writes), logger);

    /// <summary>The silo's alongside writers; a department grain resolves a caller's kind here before it decides.</summary>
    public AlongsideWriters Alongside { get; } = new(alongsideWriters);

    /// <summary>Completes when the entries, their audit rows, the directory row and the alongside rows are committed.</summary>
    public Task WriteAsync(DepartmentWrite write) => _commit.WriteAsync(write);

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
