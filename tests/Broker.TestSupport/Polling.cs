using System.Runtime.CompilerServices;

namespace Broker.TestSupport;

/// <summary>
/// The one bounded poll of the test suite: for what happens off the request path (an order's resources becoming ready,
/// a sweeper's visit), where there is no event to await. Every test that must wait for a condition uses this, with
/// <c>using static Broker.TestSupport.Polling;</c>, so a deadline is always explicit and a timeout says what it waited for.
/// </summary>
public static class Polling
{
    // Short enough that a test waits little past the moment the condition holds; the deadline bounds the total.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Completes once <paramref name="condition"/> is true; fails the test when <paramref name="deadline"/> passes first.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan deadline, [CallerArgumentExpression(nameof(condition))] string? what = null) =>
        await Eventually(condition, ok => ok, deadline, what);

    /// <summary>Completes once <paramref name="condition"/> is true; fails the test when <paramref name="deadline"/> passes first.</summary>
    public static async Task Eventually(Func<bool> condition, TimeSpan deadline, [CallerArgumentExpression(nameof(condition))] string? what = null) =>
        await Eventually(() => Task.FromResult(condition()), ok => ok, deadline, what);

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> holds for what it read, and returns that; fails
    /// the test with the last value read when <paramref name="deadline"/> passes first.
    /// </summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline, [CallerArgumentExpression(nameof(done))] string? what = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (TimeProvider.System.GetElapsedTime(started) >= deadline)
            {
                throw new TimeoutException($"Not true within {deadline.TotalSeconds:0.#} s: {what}; last read: {value}");
            }

            await Task.Delay(Interval, TimeProvider.System);
        }
    }
}
