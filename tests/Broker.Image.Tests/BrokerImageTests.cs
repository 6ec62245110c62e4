using System.Net;
using Broker.Image.Tests.Support;
using static Broker.TestSupport.Polling;

namespace Broker.Image.Tests;

/// <summary>broker:local as the platform team runs it: non-root, read-only root, healthy by its own check, ready.</summary>
[Collection(ImageCollection.Name)]
[Trait("Lane", "containers")]
public sealed class BrokerImageTests(ImageStack stack)
{
    // A first start migrates an empty database and starts a silo, on 2 shared cores.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_broker_runs_as_uid_10001_not_root()
    {
        var uid = await stack.Broker.ExecAsync(["id", "-u"]);
        var name = await stack.Broker.ExecAsync(["id", "-un"]);

        Assert.Equal("10001", uid.Stdout.Trim());
        Assert.Equal("broker", name.Stdout.Trim());
    }

    [Fact]
    public async Task Writes_to_the_root_file_system_fail_and_only_tmp_takes_them()
    {
        var root = await stack.Broker.ExecAsync(["sh", "-c", "echo x > /written-at-run-time"]);
        var app = await stack.Broker.ExecAsync(["sh", "-c", "echo x > /app/written-at-run-time"]);
        var tmp = await stack.Broker.ExecAsync(["sh", "-c", "echo x > /tmp/written-at-run-time"]);

        Assert.NotEqual(0, root.ExitCode);
        Assert.Contains("Read-only file system", root.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, app.ExitCode);
        Assert.Equal(0, tmp.ExitCode);
    }

    [Fact]
    public async Task The_container_becomes_healthy_by_running_its_own_binary()
    {
        var health = await Eventually(() => DockerEngine.HealthAsync(stack.Broker.Id), h => h.Status == "healthy", StartDeadline);

        Assert.Equal(["CMD", "/usr/bin/env", "DOTNET_EnableDiagnostics=0", "DOTNET_gcServer=0", "/app/Broker.Api", "health"], health.Command);
        Assert.Contains("http://127.0.0.1:8080/healthz: 200", health.LastOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_answers_200_through_the_mapped_port()
    {
        using var client = new HttpClient { BaseAddress = stack.BrokerUrl, Timeout = TimeSpan.FromSeconds(10) };

        var (status, body) = await Eventually(() => GetAsync(client, "/readyz"), r => r.Status == HttpStatusCode.OK, StartDeadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"silo\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"database\":true", body, StringComparison.Ordinal);
    }

    // Connection refusals while the broker starts are an answer too: "not yet".
    private static async Task<(HttpStatusCode? Status, string Body)> GetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, ex.Message);
        }
    }
}
