using System.Collections.Concurrent;

namespace Broker.Drills.Tests.Load;

/// <summary>
/// Asks every department for its quota every 250 ms (a call that reaches its grain), to tell when the departments a lost
/// silo hosted answer again: those are exactly the ones whose calls fail after the loss.
/// </summary>
public sealed class DepartmentProbe(HttpClient http, IReadOnlyList<string> departments)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentQueue<(string Department, DateTimeOffset At, bool Ok, string Why)> _answers = new();

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        var probes = departments.Select(async department =>
        {
            while (!stop.IsCancellationRequested)
            {
                var at = DateTimeOffset.UtcNow;
                bool ok;
                string why;
                try
                {
                    using var response = await http.GetAsync(new Uri($"/api/departments/{department}/quota", UriKind.Relative), CancellationToken.None);
                    ok = response.IsSuccessStatusCode;
                    why = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                    why = ex is TaskCanceledException ? "no answer within the probe's timeout" : ex.GetType().Name;
                }

                _answers.Enqueue((department, at, ok, why));
                await Task.Delay(Interval, CancellationToken.None);
            }
        });
        await Task.WhenAll(probes);
    }

    /// <summary>
    /// Seconds from <paramref name="loss"/> until every department that failed after it answered again (the first
    /// success after its last failure before <paramref name="until"/>); 0 when none failed.
    /// </summary>
    public double RecoverySeconds(DateTimeOffset loss, DateTimeOffset until)
    {
        var window = _answers.Where(a => a.At >= loss && a.At < until).ToList();
        double worst = 0;
        foreach (var department in window.Select(a => a.Department).Distinct())
        {
            var answers = window.Where(a => a.Department == department).OrderBy(a => a.At).ToList();
            var lastFailure = answers.FindLastIndex(a => !a.Ok);
            if (lastFailure < 0)
            {
                continue;
            }

            var back = answers.Skip(lastFailure + 1).FirstOrDefault(a => a.Ok);
            var seconds = back.Department is null ? (until - loss).TotalSeconds : (back.At - loss).TotalSeconds;
            worst = Math.Max(worst, seconds);
        }

        return worst;
    }

    /// <summary>
    /// The department slowest to answer again after <paramref name="loss"/>, with its failed answers by kind
    /// (status code or exception) and the span they covered: what to read first when a recovery misses its target.
    /// </summary>
    public string SlowestDepartment(DateTimeOffset loss, DateTimeOffset until)
    {
        var failures = _answers.Where(a => a.At >= loss && a.At < until && !a.Ok).ToList();
        if (failures.Count == 0)
        {
            return "none failed";
        }

        var slowest = failures.GroupBy(a => a.Department).MaxBy(g => g.Max(a => a.At))!;
        var kinds = string.Join(", ", slowest.GroupBy(a => a.Why).Select(g => $"{g.Key} x{g.Count()}"));
        var first = (slowest.Min(a => a.At) - loss).TotalSeconds;
        var last = (slowest.Max(a => a.At) - loss).TotalSeconds;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{slowest.Key}: failed from {first:0.0} s to {last:0.0} s ({kinds})");
    }

    public int FailedAnswers(DateTimeOffset from, DateTimeOffset until) => _answers.Count(a => a.At >= from && a.At < until && !a.Ok);
}
