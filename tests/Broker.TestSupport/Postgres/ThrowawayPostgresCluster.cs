using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Broker.TestSupport.Postgres;

/// <summary>
/// A PostgreSQL cluster made with initdb in a temporary folder, listening on a free 127.0.0.1 port
/// with trust authentication (loopback only, and it lives as long as the test process).
/// Disposing it, or the process ending, stops the server and deletes the folder; leftovers of a
/// process that crashed are removed by the next one.
/// </summary>
public sealed class ThrowawayPostgresCluster : IAsyncDisposable
{
    // A new lock file is unlocked for the instant between its creation and its owner's flock;
    // only older unlocked ones are treated as leftovers.
    private static readonly TimeSpan LeftoverMinimumAge = TimeSpan.FromSeconds(10);
    private static int leftoversRemoved;

    // Started detached (own session, parent exits at once) so that it outlives this process even when
    // the test platform kills it right after the run, which it does before ProcessExit handlers finish.
    // It blocks until our lock on the lock file is released (at disposal, or by the OS when this
    // process dies), then stops the server and deletes the folder. Arguments: lock file, pg_ctl,
    // data directory, cluster directory, OS user to run pg_ctl as (empty: the current user).
    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        flock "$1" true
        if [ -n "$5" ]; then
            cd / && runuser -u "$5" -- "$2" stop -m immediate -D "$3"
        else
            "$2" stop -m immediate -D "$3"
        fi
        rm -rf "$4" "$1"
        """;

    private readonly string binDirectory;
    private readonly string? runAs;
    private readonly string lockPath;
    private readonly FileStream ownerLock;
    private int stopped;

    private ThrowawayPostgresCluster(
        string binDirectory, string? runAs, string clusterDirectory, string lockPath, FileStream ownerLock, bool durable)
    {
        this.binDirectory = binDirectory;
        this.runAs = runAs;
        this.lockPath = lockPath;
        this.ownerLock = ownerLock;
        ClusterDirectory = clusterDirectory;
        Durable = durable;
        ExitCleanup.Register(this, () => DisposeAsync().AsTask());
    }

    /// <summary>Superuser connection string to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <summary>The 127.0.0.1 TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>True when fsync, synchronous_commit and full_page_writes keep their (safe) defaults.</summary>
    public bool Durable { get; }

    /// <summary>Folder holding the data directory (<c>data</c>) and the server log (<c>postgres.log</c>).</summary>
    public string ClusterDirectory { get; }

    /// <summary>The folder holding initdb, pg_ctl and postgres.</summary>
    public string BinDirectory => binDirectory;

    private string DataDirectory => Path.Combine(ClusterDirectory, "data");

    private string LogPath => Path.Combine(ClusterDirectory, "postgres.log");

    // Per OS user, so a run as root and a run as a normal user never share (or fight over) folders.
    private static string RootDirectory =>
        Path.Combine(Path.GetTempPath(), "broker-test-postgres-" + Environment.UserName);

    /// <summary>
    /// Creates and starts a cluster. Durable clusters keep PostgreSQL's crash-safe defaults
    /// (for benchmarks); the others trade durability for speed (for tests).
    /// </summary>
    internal static async Task<ThrowawayPostgresCluster> StartAsync(bool durable, CancellationToken cancellationToken)
    {
        var binDirectory = PostgresBinaries.FindBinDirectory();
        // initdb and postgres refuse to run as root; Debian's package provides the postgres user.
        var runAs = Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows() ? "postgres" : null;
        var root = RootDirectory;
        Directory.CreateDirectory(root);
        if (runAs is not null && !OperatingSystem.IsWindows())
        {
            // The postgres user must be able to traverse it to reach its cluster folder.
            File.SetUnixFileMode(
                root,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        if (Interlocked.Exchange(ref leftoversRemoved, 1) == 0)
        {
            await RemoveLeftoversAsync(root, binDirectory, runAs);
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        var lockPath = Path.Combine(root, id + ".lock");
        // Held open with an exclusive lock until disposal. The OS releases it if this process dies,
        // which is how a later run tells a crashed run's folder from a live one.
        var ownerLock = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        var cluster = new ThrowawayPostgresCluster(
            binDirectory, runAs, Path.Combine(root, id), lockPath, ownerLock, durable);
        try
        {
            await cluster.StartWatchdogAsync(cancellationToken);
            await cluster.InitializeAndStartAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server (immediate shutdown: the data is thrown away) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        ExitCleanup.Unregister(this);
        if (AdminConnectionString.Length > 0)
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await StopServerAsync(binDirectory, DataDirectory, runAs);
        TryDeleteDirectory(ClusterDirectory);
        try
        {
            File.Delete(lockPath);
        }
        finally
        {
            await ownerLock.DisposeAsync();
        }
    }

    private async Task StartWatchdogAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // flock, setsid and runuser are util-linux tools; elsewhere the leftover sweep remains.
        }

        await ProcessRunner.RunAsync(
            "setsid",
            ["-f", "sh", "-c", WatchdogScript, "broker-postgres-watchdog",
                lockPath, Path.Combine(binDirectory, "pg_ctl"), DataDirectory, ClusterDirectory, runAs ?? string.Empty],
            userName: null,
            cancellationToken);
    }

    private async Task InitializeAndStartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ClusterDirectory);
        if (runAs is not null)
        {
            await ProcessRunner.RunAsync("chown", [runAs, ClusterDirectory], userName: null, cancellationToken);
        }

        // --no-sync: flushing the fresh cluster to disk is pointless for a throwaway one.
        await ProcessRunner.RunAsync(
            Path.Combine(binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            runAs,
            cancellationToken);

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            // TCP only: no socket path length limits, no writable /run/postgresql needed.
            "unix_socket_directories = ''",
            "max_connections = 300",
        };
        if (Environment.GetEnvironmentVariable("BROKER_BENCH_STATEMENTS") == "1")
        {
            // bench/Broker.Bench/Provisioning/StatementCounts.cs: per-statement counts of a measured batch.
            settings.Add("shared_preload_libraries = 'pg_stat_statements'");
        }

        if (!Durable)
        {
            // Crash safety is worthless for data deleted at exit, and these make tests much faster.
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        await File.AppendAllLinesAsync(
            Path.Combine(DataDirectory, "postgresql.conf"),
            ["", "# added by Broker.TestSupport", .. settings],
            cancellationToken);

        // Another process may take the free port before postgres binds it; then retry with a new one.
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            try
            {
                // -w waits until the server accepts connections. The port goes through pg_ctl's
                // shell, which is safe because it is a number.
                await ProcessRunner.RunAsync(
                    Path.Combine(binDirectory, "pg_ctl"),
                    ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogPath,
                        "-o", "-p " + port.ToString(CultureInfo.InvariantCulture)],
                    runAs,
                    cancellationToken);
                Port = port;
                break;
            }
            catch (InvalidOperationException) when (attempt < 3 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
            }
            catch (InvalidOperationException exception)
            {
                var tail = string.Join('\n', ReadLog().Split('\n').TakeLast(30));
                throw new InvalidOperationException($"{exception.Message}\n--- {LogPath} (tail) ---\n{tail}", exception);
            }
        }

        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    private string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task StopServerAsync(string binDirectory, string dataDirectory, string? runAs)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await ProcessRunner.RunAsync(
                Path.Combine(binDirectory, "pg_ctl"),
                ["stop", "-w", "-t", "30", "-m", "immediate", "-D", dataDirectory],
                runAs);
        }
        catch (InvalidOperationException)
        {
            // Not running any more (stale postmaster.pid): nothing to stop.
        }
    }

    // Removes clusters of earlier processes that died without cleaning up: their lock file is no
    // longer locked (or is gone). Their server may still be running, so stop it first.
    private static async Task RemoveLeftoversAsync(string root, string binDirectory, string? runAs)
    {
        foreach (var lockFile in Directory.GetFiles(root, "*.lock"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(lockFile) < LeftoverMinimumAge)
            {
                continue;
            }

            FileStream staleLock;
            try
            {
                staleLock = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // Locked: its owner is alive (or the file just vanished).
            }

            await using (staleLock)
            {
                var clusterDirectory = Path.ChangeExtension(lockFile, null);
                await StopServerAsync(binDirectory, Path.Combine(clusterDirectory, "data"), runAs);
                TryDeleteDirectory(clusterDirectory);
                File.Delete(lockFile);
            }
        }

        foreach (var clusterDirectory in Directory.GetDirectories(root))
        {
            if (!File.Exists(clusterDirectory + ".lock")
                && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(clusterDirectory) >= LeftoverMinimumAge)
            {
                await StopServerAsync(binDirectory, Path.Combine(clusterDirectory, "data"), runAs);
                TryDeleteDirectory(clusterDirectory);
            }
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's leftover sweep.
        }
    }
}
