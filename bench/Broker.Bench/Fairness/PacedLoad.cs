using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Broker.Bench.Fairness;

/// <summary>
/// Open-loop load: requests are started on a schedule (every 5 ms, as many as are due at the rate), whether or not
/// earlier ones have answered, so a slow broker shows as latency instead of silently lowering the rate. In-flight
/// requests are capped; a request not started because of the cap is counted as skipped, never hidden.
/// </summary>
public sealed class PacedLoad(HttpClient client, Func<HttpRequestMessage> request, int perSecond, int maxInFlight = 512)
{
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private int _inFlight;
    private int _skipped;

    public async Task<LoadResult> RunAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var started = 0L;
        var pending = new List<Task>();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (clock.Elapsed < duration && await tick.WaitForNextTickAsync(cancellationToken))
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            for (; started < due; started++)
            {
                if (Volatile.Read(ref _inFlight) >= maxInFlight)
                {
                    Interlocked.Increment(ref _skipped);
                    continue;
                }

                pending.Add(SendAsync(cancellationToken));
            }

            pending.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(pending);
        return new LoadResult(clock.Elapsed, [.. _latencies], new Dictionary<int, int>(_statuses), _skipped);
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        var watch = Stopwatch.StartNew();
        int status;
        try
        {
            using var response = await client.SendAsync(request(), cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0; // no answer at all: counted apart from every HTTP status
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        _latencies.Add(watch.Elapsed.TotalMilliseconds);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }
}

/// <summary>What one load phase saw: every latency in milliseconds and the count of each status (0: no answer).</summary>
public sealed record LoadResult(TimeSpan Elapsed, double[] Latencies, Dictionary<int, int> Statuses, int Skipped)
{
    public int Requests => Latencies.Length;

    public int Count(HttpStatusCode status) => Statuses.GetValueOrDefault((int)status);

    public int NotCreated => Requests - Count(HttpStatusCode.Created);

    public double Percentile(double p)
    {
        if (Latencies.Length == 0)
        {
            return double.NaN;
        }

        var sorted = Latencies.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
