using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Broker.TestSupport.Postgres;

/// <summary>
/// Runs cleanup actions once when the process ends, whether it exits normally
/// (<see cref="AppDomain.ProcessExit"/>) or is interrupted or terminated by a signal (Ctrl+C, SIGTERM,
/// SIGHUP, SIGQUIT), which does not raise ProcessExit. A SIGKILL cannot be caught: leftovers of such
/// runs are swept by <see cref="ThrowawayPostgresCluster"/> at the next start.
/// </summary>
internal static class ExitCleanup
{
    private static readonly ConcurrentDictionary<object, Func<Task>> Actions = new();
    private static readonly List<PosixSignalRegistration> SignalRegistrations = [];
    private static int installed;

    public static void Register(object owner, Func<Task> action)
    {
        Install();
        Actions[owner] = action;
    }

    public static void Unregister(object owner) => Actions.TryRemove(owner, out _);

    private static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // The handlers do not cancel the signal: the process still terminates as it would have.
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            {
                SignalRegistrations.Add(PosixSignalRegistration.Create(signal, _ => RunAll()));
            }
        }
    }

    private static void RunAll()
    {
        var pending = new List<Task>();
        foreach (var owner in Actions.Keys)
        {
            if (Actions.TryRemove(owner, out var action))
            {
                pending.Add(Task.Run(action));
            }
        }

        try
        {
            Task.WhenAll(pending).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Nothing can be reported while the process ends; the next run sweeps leftovers.
        }
    }
}
