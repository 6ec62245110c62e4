namespace Broker.Bench.Quota;

/// <summary>What one client saw in the measured window. Owned by its client until the run ends: no locking.</summary>
public sealed class ClientTally
{
    public long Granted { get; private set; }

    public long Denied { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    /// <summary>Reserve latencies in milliseconds.</summary>
    public List<double> Latencies { get; } = new(capacity: 16_384);

    public void Record(bool granted, double milliseconds)
    {
        if (granted)
        {
            Granted++;
        }
        else
        {
            Denied++;
        }

        Latencies.Add(milliseconds);
    }

    public void Fail(Exception exception)
    {
        Errors++;
        FirstError ??= $"{exception.GetType().Name}: {exception.Message}";
    }
}
