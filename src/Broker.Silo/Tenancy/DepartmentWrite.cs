using Broker.Silo.Storage;

namespace Broker.Silo.Tenancy;

/// <summary>
/// One department's share of a group-committed transaction: its journal entries (with their audit rows), the directory
/// row when its profile changed, and the rows other grains asked to commit with its decisions.
/// </summary>
public sealed record DepartmentWrite(string Department, IReadOnlyList<JournalEntry> Entries, DepartmentData? Directory, IReadOnlyList<AlongsideRows> Alongside);
