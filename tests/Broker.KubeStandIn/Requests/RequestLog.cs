namespace Broker.KubeStandIn.Requests;

/// <summary>Every request the stand-in answered, in order, for assertions on what a client sent.</summary>
public sealed class RequestLog
{
    private readonly List<LoggedRequest> entries = [];

    /// <summary>A snapshot of the log.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>The logged requests of one verb on one resource plural (<c>"patch", "virtualmachines"</c>).</summary>
    public IReadOnlyList<LoggedRequest> Of(string verb, string resource) =>
        [.. Entries.Where(e => e.Verb == verb && e.Request.Resource == resource)];

    public void Clear()
    {
        lock (entries)
        {
            entries.Clear();
        }
    }

    internal void Add(LoggedRequest entry)
    {
        lock (entries)
        {
            entries.Add(entry);
        }
    }
}
