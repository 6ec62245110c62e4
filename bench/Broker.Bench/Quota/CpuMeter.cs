using System.Diagnostics;
using System.Globalization;

namespace Broker.Bench.Quota;

/// <summary>
/// CPU time used by this process (clients, and the silo when the broker runs) and by the PostgreSQL server, so a
/// run can say where its two cores went. PostgreSQL's side is read from /proc (Linux only; zero elsewhere) for the
/// postmaster and its children: pooled connections keep their backends alive through a run.
/// </summary>
public sealed class CpuMeter(string postgresDataDirectory)
{
    // USER_HZ: /proc reports CPU times in clock ticks, 100 a second on every Linux that .NET runs on.
    private const double TicksPerSecond = 100;

    public CpuTimes Sample() => new(
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        PostgresSeconds(),
        System.Runtime.JitInfo.GetCompilationTime(currentThread: false).TotalSeconds,
        System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false));

    private double PostgresSeconds()
    {
        var pidFile = Path.Combine(postgresDataDirectory, "postmaster.pid");
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return 0;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the parenthesised command name: state ppid ... utime(14) stime(15), 1-based.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return ticks / TicksPerSecond;
    }
}
