using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Broker.Api.Identity;
using Broker.CrashHost;
using Broker.TestSupport.Hosting;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Processes;

/// <summary>
/// The broker as a real child process (<c>dotnet Broker.Api.dll</c>), configured only through its environment, so a
/// test can kill it hard or stop it with SIGTERM the way an orchestrator would. A test that arms a crash point gets the
/// crash test host instead (<c>dotnet Broker.CrashHost.dll</c>: the same composition plus the crash hooks), since the
/// broker as shipped has no way to crash on purpose.
/// </summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _keyFile;

    private BrokerProcess(Process process, Ports ports, string keyFile, bool silo)
    {
        _process = process;
        Endpoints = ports;
        _keyFile = keyFile;
        IsSiloRole = silo;
    }

    /// <summary>HTTP, silo, gateway and management ports of one broker process.</summary>
    public sealed record Ports(int Http, int Silo, int Gateway, int Management)
    {
        public static Ports Fresh() => new(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
    }

    /// <summary>
    /// The ports this process listens on. A restart after a crash reuses them, as a pod or service restarting on the
    /// same host does: Orleans then sees a newer generation at the same address and retires the dead silo at once.
    /// </summary>
    public Ports Endpoints { get; }

    /// <summary>Role <c>silo</c>: no public API; probes and scrapes go to the management port.</summary>
    public bool IsSiloRole { get; }

    /// <summary>Where this process answers HTTP: the management port for a silo, the API's port otherwise.</summary>
    private int HttpPort => IsSiloRole ? Endpoints.Management : Endpoints.Http;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="crashPoint">A <see cref="CrashPoints"/> name (e.g. <c>kubernetes-after-delete</c>) to arm; null for the broker as shipped.</param>
    public static async Task<BrokerProcess> StartAsync(
        string connectionString, string keyFile, string clusterId, Ports? ports = null, IReadOnlyDictionary<string, string?>? extra = null, string? crashPoint = null)
    {
        var broker = Launch(connectionString, keyFile, clusterId, ports, extra, crashPoint);
        try
        {
            await broker.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            return broker;
        }
        catch
        {
            // The caller never gets the object to dispose, so no process may outlive this failure.
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process without waiting for it to be ready: for one that is expected never to be (see <see cref="WaitForExitAsync"/>).</summary>
    public static BrokerProcess Launch(
        string connectionString, string keyFile, string clusterId, Ports? ports = null, IReadOnlyDictionary<string, string?>? extra = null, string? crashPoint = null)
    {
        ports ??= Ports.Fresh();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, crashPoint is null ? "Broker.Api.dll" : "Broker.CrashHost.dll"));
        var settings = BrokerSettings.For(connectionString, keyFile, ports.Silo, ports.Gateway, clusterId);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in BrokerSettings.AsEnvironment(settings))
        {
            start.Environment[key] = value;
        }

        if (crashPoint is not null)
        {
            start.Environment[CrashPoints.EnvironmentVariable] = crashPoint;
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{ports.Http}";
        start.Environment["Broker__Management__Port"] = ports.Management.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Orleans"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var broker = new BrokerProcess(process, ports, keyFile, string.Equals(settings.GetValueOrDefault("Broker:Role"), "silo", StringComparison.OrdinalIgnoreCase));
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return broker;
    }

    /// <summary>A client of this process's HTTP port (the management port for a silo) signed in as <paramref name="role"/>.</summary>
    public HttpClient As(string role, string? department = null) => As(role, department, HttpPort);

    /// <summary>A client of <paramref name="port"/> on loopback signed in as <paramref name="role"/>.</summary>
    public HttpClient As(string role, string? department, int port)
    {
        var token = new TokenIssuer(new AuthOptions { SigningKeyFile = _keyFile }, SigningKey.LoadOrCreate(_keyFile), TimeProvider.System)
            .Issue($"{role}@{department ?? "platform"}", role, department);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes sends it: the host shuts down gracefully and the silo leaves the cluster.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Waits for the process to end on its own (a test crash point); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually(() => ReadyAsync(client), timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The broker was not ready within {timeout}:\n{Output}");
        }
    }

    private async Task<bool> ReadyAsync(HttpClient client)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The broker exited with {_process.ExitCode}:\n{Output}");
        }

        try
        {
            return (await client.GetAsync("/readyz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException)
        {
            return false; // listening but not answering yet
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
