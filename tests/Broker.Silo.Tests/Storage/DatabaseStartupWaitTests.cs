using System.Net;
using System.Net.Sockets;
using Broker.Silo.Hosting;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Silo.Tests.Storage;

public sealed class DatabaseStartupWaitTests
{
    private static DatabaseStartupWait Wait(NpgsqlDataSource dataSource, TimeSpan startupWait) =>
        new(dataSource, Options.Create(new StorageOptions { StartupWait = startupWait }), BrokerClock.System, NullLogger<DatabaseStartupWait>.Instance);

    [Fact]
    public async Task A_database_that_starts_answering_after_the_first_attempt_is_waited_for()
    {
        var real = new NpgsqlConnectionStringBuilder(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("wait"));
        var port = FreePort();
        var target = new NpgsqlConnectionStringBuilder(real.ConnectionString) { Host = "127.0.0.1", Port = port, Timeout = 5 };
        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
        await using var relay = new TcpRelay(port, real.Host!, real.Port);
        var wait = Wait(dataSource, TimeSpan.FromMinutes(2));
        // Nothing listens on the port at the first attempt; the database "comes up" (the relay opens) right after it.
        wait.AfterFailedAttempt = attempt =>
        {
            if (attempt == 1)
            {
                relay.Start();
            }

            return Task.CompletedTask;
        };

        var attempts = await wait.WaitAsync(CancellationToken.None);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_database_that_never_answers_fails_the_start_once_the_wait_is_over()
    {
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={FreePort()};Database=none;Username=none;Timeout=2");
        var failed = 0;
        var wait = Wait(dataSource, TimeSpan.FromSeconds(2));
        wait.AfterFailedAttempt = _ =>
        {
            failed++;
            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => wait.WaitAsync(CancellationToken.None));
        Assert.InRange(failed, 1, 4);
    }

    [Fact]
    public async Task A_wrong_password_is_not_waited_out()
    {
        var real = new NpgsqlConnectionStringBuilder(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("wrongpw"))
        {
            Username = "broker_no_such_role",
            Password = "not-it",
        };
        await using var dataSource = NpgsqlDataSource.Create(real.ConnectionString);
        var failed = 0;
        var wait = Wait(dataSource, TimeSpan.FromMinutes(5));
        wait.AfterFailedAttempt = _ =>
        {
            failed++;
            return Task.CompletedTask;
        };

        var refused = await Assert.ThrowsAsync<PostgresException>(() => wait.WaitAsync(CancellationToken.None));

        Assert.Equal(0, failed);
        Assert.StartsWith("28", refused.SqlState, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("57P03", true)]  // the server is starting up
    [InlineData("53300", true)]  // too many connections
    [InlineData("08006", true)]  // connection failure
    [InlineData("28P01", false)] // wrong password
    [InlineData("3D000", false)] // no such database
    public void Only_failures_that_can_pass_by_themselves_are_waited_out(string sqlState, bool waited) =>
        Assert.Equal(waited, DatabaseStartupWait.IsWorthWaiting(new PostgresException("m", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void The_pause_doubles_from_half_a_second_up_to_five()
    {
        Assert.Equal(
            [0.5, 1, 2, 4, 5, 5],
            Enumerable.Range(1, 6).Select(a => DatabaseStartupWait.Pause(a).TotalSeconds));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A TCP relay to the real server, opened on demand: the database "appearing" at an address.</summary>
    private sealed class TcpRelay(int port, string host, int targetPort) : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, port);
        private readonly CancellationTokenSource _stop = new();

        public void Start()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient inbound;
                try
                {
                    inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var outbound = new TcpClient();
                await outbound.ConnectAsync(host, targetPort, _stop.Token);
                _ = Pump(inbound.GetStream(), outbound.GetStream(), inbound, outbound);
                _ = Pump(outbound.GetStream(), inbound.GetStream(), inbound, outbound);
            }
        }

        private async Task Pump(NetworkStream from, NetworkStream to, TcpClient a, TcpClient b)
        {
            try
            {
                await from.CopyToAsync(to, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // One side closed; the other follows below.
            }

            a.Dispose();
            b.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
