using System.Globalization;
using System.Net.Http.Headers;
using Broker.Api.Identity;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Npgsql;
using Testcontainers.PostgreSql;
using static Broker.TestSupport.Polling;

namespace Broker.Drills.Tests.Harness;

/// <summary>
/// The broker as a platform team runs it, on the local Docker engine: PostgreSQL, N silo containers and one API container
/// on a network of their own, started from the images <c>scripts/image.sh</c> builds. The drills break it through the
/// engine (kill, pause, disconnect) and read the truth from PostgreSQL through a port mapped to the loopback address.
/// </summary>
public sealed class BrokerCluster : IAsyncDisposable
{
    private const string DatabaseName = "broker";
    private const string DatabaseUser = "broker";
    private const string DatabasePassword = "drill-only-password";

    private readonly DockerClient _docker;
    private readonly DrillNetwork _network;
    private readonly PostgreSqlContainer _postgres;
    private readonly string _keyDirectory;
    private readonly string _name;
    private readonly string _drill;
    private readonly bool _restartSilosOnFailure;
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly string _postgresAddress;
    private readonly List<BrokerNode> _silos = [];
    private readonly List<IContainer> _retired = [];
    private int _siloCount;

    private BrokerCluster(DockerClient docker, DrillNetwork network, PostgreSqlContainer postgres, string postgresAddress, string keyDirectory, string name, string drill, bool restartSilosOnFailure, IReadOnlyDictionary<string, string> overrides)
    {
        _postgresAddress = postgresAddress;
        _overrides = overrides;
        _drill = drill;
        _restartSilosOnFailure = restartSilosOnFailure;
        _docker = docker;
        _network = network;
        _postgres = postgres;
        _keyDirectory = keyDirectory;
        _name = name;
    }

    public IReadOnlyList<BrokerNode> Silos => _silos;

    public BrokerNode Api { get; private set; } = null!;

    /// <summary>PostgreSQL as the test process reaches it (mapped port on the loopback address).</summary>
    public string DatabaseConnectionString => new NpgsqlConnectionStringBuilder(_postgres.GetConnectionString()) { Timeout = 15, CommandTimeout = 60 }.ConnectionString;

    public Uri ApiAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Api.Container.GetMappedPublicPort(DrillBrokerSettings.HttpPort)}"));

    public DockerClient Docker => _docker;

    /// <summary>
    /// Starts PostgreSQL, <paramref name="silos"/> silos (each Active in the membership table) and the API (ready). With
    /// <paramref name="restartSilosOnFailure"/> the engine starts a silo again whose process ended by itself (declared
    /// dead by the others, or failed at start), as Kubernetes restarts a pod's container; a <c>docker kill</c> or
    /// <c>docker stop</c> is left alone, since the engine counts those as stopped on purpose. <paramref name="overrides"/>
    /// replace settings of <see cref="DrillBrokerSettings"/> for this drill's broker containers.
    /// </summary>
    public static async Task<BrokerCluster> StartAsync(string drill, int silos, bool restartSilosOnFailure = false, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var docker = await DrillEnvironment.EnsureDockerAsync();
        var name = $"drill-{drill}-{Guid.NewGuid():N}"[..24];
        var network = await DrillNetwork.CreateAsync(docker, name);
        var keyDirectory = KeyDirectory();

        var postgresAddress = network.NextAddress();
        var postgres = new PostgreSqlBuilder(DrillEnvironment.PostgresImage)
            .WithName(name + "-pg")
            .WithDatabase(DatabaseName)
            .WithUsername(DatabaseUser)
            .WithPassword(DatabasePassword)
            .WithNetwork(network.Name)
            .WithNetworkAliases("postgres")
            .WithCreateParameterModifier(p => FixAddress(p, network.Name, postgresAddress))
            .WithCommand("-c", "max_connections=300", "-c", "fsync=off", "-c", "synchronous_commit=on")
            .Build();
        var cluster = new BrokerCluster(docker, network, postgres, postgresAddress, keyDirectory, name, drill, restartSilosOnFailure, overrides ?? new Dictionary<string, string>());
        try
        {
            await postgres.StartAsync();
            for (var i = 0; i < silos; i++)
            {
                await cluster.AddSiloAsync();
            }

            await cluster.StartApiAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A token the cluster accepts, minted with its signing key.</summary>
    public HttpClient As(string role, string? department = null, TimeSpan? timeout = null)
    {
        var keyFile = Path.Combine(_keyDirectory, "jwt-signing.key");
        var token = new TokenIssuer(new AuthOptions { SigningKeyFile = keyFile }, SigningKey.LoadOrCreate(keyFile), TimeProvider.System)
            .Issue($"{role}@{department ?? "platform"}", role, department);
        var client = new HttpClient { BaseAddress = ApiAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Starts one more silo container at a new address and waits until the cluster lists it Active.</summary>
    public async Task<BrokerNode> AddSiloAsync()
    {
        var index = Interlocked.Increment(ref _siloCount);
        var node = await CreateNodeAsync($"silo-{index}", "silo", exposeHttp: false);
        _silos.Add(node);
        await WaitUntilActiveAsync(node, TimeSpan.FromSeconds(120));
        return node;
    }

    /// <summary><c>docker kill</c>: SIGKILL, no shutdown code runs, like a node losing power.</summary>
    public Task KillAsync(BrokerNode node) =>
        _docker.Containers.KillContainerAsync(node.Id, new ContainerKillParameters { Signal = "KILL" });

    /// <summary>Starts a killed silo's container again (same address, a new Orleans generation) and waits until it is Active.</summary>
    public async Task RestartAsync(BrokerNode node, TimeSpan deadline)
    {
        await _docker.Containers.StartContainerAsync(node.Id, new ContainerStartParameters());
        await WaitUntilActiveAsync(node, deadline);
    }

    /// <summary>Whether the membership table lists the silo's container's address Active.</summary>
    public async Task<bool> IsActiveAsync(BrokerNode node) =>
        (await MembershipAsync()).Any(m => m.Address == node.Address && m.Status == 3);

    /// <summary>
    /// Waits until the silo is Active; fails at once, with the container's log, when its process ended and nothing will
    /// start it again (no restart policy, or the policy gave up), and says how often it was restarted on a timeout.
    /// </summary>
    public async Task WaitUntilActiveAsync(BrokerNode node, TimeSpan deadline)
    {
        (bool Active, ContainerState State) last;
        var state = await ContainerState.OfAsync(_docker, node.Id);
        var inspected = TimeProvider.System.GetTimestamp();
        try
        {
            last = await Eventually<(bool Active, ContainerState State)>(async () =>
            {
                // The engine is asked once a second, not at every poll: it also serves the containers' DNS, and the
                // drills on a machine share it.
                if (TimeProvider.System.GetElapsedTime(inspected) >= TimeSpan.FromSeconds(1))
                {
                    state = await ContainerState.OfAsync(_docker, node.Id);
                    inspected = TimeProvider.System.GetTimestamp();
                }

                return (await IsActiveAsync(node), state);
            }, r => r.Active || r.State.Ended, deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{node} not Active within {deadline.TotalSeconds:0} s ({ex.Message})\n" + await LogsAsync(node), ex);
        }

        if (!last.Active)
        {
            throw new InvalidOperationException($"{node} ended while starting and will not be started again: {last.State}\n" + await LogsAsync(node));
        }
    }

    /// <summary>The container's state as the engine reports it (running, exit code, restarts by its policy).</summary>
    public Task<ContainerState> StateAsync(BrokerNode node) => ContainerState.OfAsync(_docker, node.Id);

    /// <summary>SIGTERM with a grace period, as Kubernetes stops a pod: the silo hands its grains over and leaves.</summary>
    public async Task StopGracefullyAsync(BrokerNode node, TimeSpan grace)
    {
        await _docker.Containers.StopContainerAsync(node.Id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds });
        _silos.Remove(node);
        _retired.Add(node.Container);
    }

    /// <summary>
    /// Freezes every PostgreSQL process (SIGSTOP), as <c>docker pause</c> would where the cgroup freezer is available (it
    /// is not in every sandbox): connections stay open and silent, the worst kind of outage for a client. The postmaster
    /// (the container's PID 1) is stopped from outside, the backends from inside (<c>kill -1</c> skips PID 1).
    /// </summary>
    public async Task PauseDatabaseAsync()
    {
        await _postgres.ExecAsync(["bash", "-c", "kill -STOP -1"]);
        await _docker.Containers.KillContainerAsync(_postgres.Id, new ContainerKillParameters { Signal = "STOP" });
    }

    public async Task UnpauseDatabaseAsync()
    {
        await _docker.Containers.KillContainerAsync(_postgres.Id, new ContainerKillParameters { Signal = "CONT" });
        await _postgres.ExecAsync(["bash", "-c", "kill -CONT -1"]);
    }

    public Task DisconnectAsync(BrokerNode node) => _network.DisconnectAsync(node.Id);

    public Task ReconnectAsync(BrokerNode node) => _network.ConnectAsync(node.Id, node.Address);

    /// <summary>Whether the container's process is running (a silo declared dead ends itself).</summary>
    public async Task<bool> IsRunningAsync(BrokerNode node) =>
        (await _docker.Containers.InspectContainerAsync(node.Id)).State?.Running == true;

    /// <summary>Whether PostgreSQL answers a query from the test process.</summary>
    public async Task<bool> DatabaseAnswersAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(DatabaseConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select 1", connection);
            return await command.ExecuteScalarAsync() is 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The silos of the cluster's membership table by address and status (Orleans' SiloStatus: 3 Active, 6 Dead). The
    /// drill's own reads compete with the load for PostgreSQL: one that times out is tried again, for a minute at most,
    /// so that a busy database fails the drill only when it stops answering the harness too.
    /// </summary>
    public async Task<IReadOnlyList<(string Address, int Generation, int Status)>> MembershipAsync()
    {
        Exception? last = null;
        try
        {
            return (await Eventually(async () =>
            {
                try
                {
                    return await ReadMembershipAsync();
                }
                catch (Exception ex) when (ex is NpgsqlException { IsTransient: true } or TimeoutException)
                {
                    last = ex;
                    return null;
                }
            }, rows => rows is not null, TimeSpan.FromSeconds(60)))!;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException("The membership table could not be read for 60 s: " + last?.Message, ex);
        }
    }

    private async Task<IReadOnlyList<(string Address, int Generation, int Status)>> ReadMembershipAsync()
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select address, generation, status from orleans_membership where deployment_id = @cluster", connection);
        command.Parameters.AddWithValue("cluster", DrillBrokerSettings.ClusterId);
        var rows = new List<(string, int, int)>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The first silo has not applied the schema yet: no member so far.
        }

        return rows;
    }

    /// <summary>The container's output, for a failure's message.</summary>
    public async Task<string> LogsAsync(BrokerNode node)
    {
        var (stdout, stderr) = await node.Container.GetLogsAsync();
        var text = stdout + stderr;
        return $"--- {node} ---\n" + (text.Length > 8000 ? text[^8000..] : text);
    }

    public async ValueTask DisposeAsync()
    {
        var containers = _silos.Select(s => s.Container).Concat(_retired).ToList();
        if (Api is not null)
        {
            containers.Add(Api.Container);
        }

        await ClusterLogs.SaveAsync(_drill, containers);
        foreach (var container in containers)
        {
            await UnpausedDisposeAsync(container);
        }

        await UnpausedDisposeAsync(_postgres);
        await _network.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
        _docker.Dispose();
    }

    private async Task UnpausedDisposeAsync(IContainer container)
    {
        try
        {
            await container.DisposeAsync();
        }
        catch (Exception ex) when (ex is DockerApiException or InvalidOperationException)
        {
            // Already gone; nothing left to remove.
        }
    }

    private async Task StartApiAsync()
    {
        Api = await CreateNodeAsync("api", "api", exposeHttp: true);
        using var probe = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(5) };
        (bool Ready, ContainerState State) last;
        try
        {
            // An API process that ended at start will not become ready: stop waiting at once and say why.
            last = await Eventually<(bool Ready, ContainerState State)>(
                async () => (await IsReadyAsync(probe), await ContainerState.OfAsync(_docker, Api.Id)), r => r.Ready || r.State.Ended, TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + await LogsAsync(Api), ex);
        }

        if (!last.Ready)
        {
            throw new InvalidOperationException($"{Api} ended while starting: {last.State}\n" + await LogsAsync(Api));
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient probe)
    {
        try
        {
            using var response = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<BrokerNode> CreateNodeAsync(string nodeName, string role, bool exposeHttp)
    {
        var address = _network.NextAddress();
        var connection = new NpgsqlConnectionStringBuilder
        {
            // By address, not by the network alias: a container disconnected from the network and connected again
            // (the partition drill) could not resolve the alias any more on this Docker engine, so the cut silo never
            // reached the membership table to learn it was declared dead.
            Host = _postgresAddress,
            Port = 5432,
            Database = DatabaseName,
            Username = DatabaseUser,
            Password = DatabasePassword,
            // A statement that PostgreSQL does not answer (paused) fails after 4 s rather than the 30 s default.
            CommandTimeout = 4,
        }.ConnectionString;
        var builder = new ContainerBuilder(DrillEnvironment.BrokerImage)
            .WithName($"{_name}-{nodeName}")
            .WithNetwork(_network.Name)
            .WithNetworkAliases(nodeName)
            .WithBindMount(_keyDirectory, DrillBrokerSettings.KeyDirectory, AccessMode.ReadOnly)
            .WithTmpfsMount("/tmp")
            .WithCreateParameterModifier(p =>
            {
                FixAddress(p, _network.Name, address);
                (p.HostConfig ??= new HostConfig()).ReadonlyRootfs = true;
                if (role == "silo" && _restartSilosOnFailure)
                {
                    // Bounded, so that a silo that can never start ends the wait with its log instead of looping.
                    p.HostConfig.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = 5 };
                }
            });
        var settings = DrillBrokerSettings.For(role, address, connection);
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder = builder.WithEnvironment(key, value);
        }

        if (exposeHttp)
        {
            builder = builder.WithPortBinding(DrillBrokerSettings.HttpPort, assignRandomHostPort: true);
        }

        var container = builder.Build();
        await container.StartAsync();
        return new BrokerNode(nodeName, role, address, container);
    }

    // The containers run as uid 10001: the drill's throwaway key is made readable to all on the host side of the bind mount.
    private static string KeyDirectory()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The drills run Linux containers on a Linux Docker engine.");
        }

        var directory = Directory.CreateTempSubdirectory("broker-drill-keys-").FullName;
        var readable = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(directory, readable | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var key = Path.Combine(directory, "jwt-signing.key");
        SigningKey.LoadOrCreate(key);
        File.SetUnixFileMode(key, readable);
        return directory;
    }

    private static void FixAddress(CreateContainerParameters parameters, string network, string address)
    {
        var networking = parameters.NetworkingConfig ??= new NetworkingConfig();
        var endpoints = networking.EndpointsConfig ??= new Dictionary<string, EndpointSettings>();
        if (!endpoints.TryGetValue(network, out var endpoint))
        {
            endpoint = new EndpointSettings();
            endpoints[network] = endpoint;
        }

        endpoint.IPAMConfig = new EndpointIPAMConfig { IPv4Address = address };
    }
}
