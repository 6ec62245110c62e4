using System.Diagnostics;
using System.Text.Json;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The Kubernetes API server stand-in in a child process (this program started with <see cref="ChildArgument"/>;
/// <see cref="StandInChild"/> is its side). In process, the stand-in's work for every object (its HTTP server, the
/// store, the fake KubeVirt controllers: 2.5-3 ms of an order's 11-14 ms of CPU) landed in the same process CPU as the
/// broker's, and a controller that asks it for less would have looked cheaper for the stand-in's sake. Apart, the
/// benchmark process's CPU is the broker's (or the minimal controller's) plus the load generator's, and the
/// stand-in's is read from its own process and reported beside it.
/// </summary>
public sealed class StandInProcess : IAsyncDisposable
{
    public const string ChildArgument = "--kube-stand-in";
    public const string SettleCommand = "settle";
    public const string StatsCommand = "stats";

    private readonly Process _process;
    private readonly SemaphoreSlim _oneCommand = new(1, 1);

    private StandInProcess(Process process, string kubeconfigPath)
    {
        _process = process;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>A kubeconfig naming the stand-in, for the broker and the minimal controller alike.</summary>
    public string KubeconfigPath { get; }

    public static async Task<StandInProcess> StartAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Run as 'dotnet Broker.Bench.dll' (bench/run.sh) the host needs the assembly; run as the apphost it does not.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(StandInProcess).Assembly.Location);
        }

        start.ArgumentList.Add(ChildArgument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The stand-in process did not start.");
        var first = await process.StandardOutput.ReadLineAsync();
        if (first is null || !first.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The stand-in process did not start: '{first}'.");
        }

        return new StandInProcess(process, first["ready ".Length..]);
    }

    /// <summary>Runs the fake controllers until nothing changes.</summary>
    public async Task SettleAsync()
    {
        var answer = await AskAsync(SettleCommand);
        if (answer != "ok")
        {
            throw new InvalidOperationException($"The stand-in did not settle: '{answer}'.");
        }
    }

    /// <summary>The stand-in process's CPU seconds so far (user and system, from /proc on Linux) and its own figures.</summary>
    public async Task<(double Cpu, StandInStats Stats)> SampleAsync()
    {
        var stats = JsonSerializer.Deserialize<StandInStats>(await AskAsync(StatsCommand))!;
        _process.Refresh();
        return (_process.TotalProcessorTime.TotalSeconds, stats);
    }

    public async ValueTask DisposeAsync()
    {
        // End of input is the child's signal to stop; it removes its kubeconfig on the way out.
        _process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
        _oneCommand.Dispose();
    }

    private async Task<string> AskAsync(string command)
    {
        await _oneCommand.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The stand-in process ended.");
        }
        finally
        {
            _oneCommand.Release();
        }
    }
}
