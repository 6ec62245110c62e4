using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Broker.Api.Hosting;
using Broker.Api.Identity;
using Broker.TestSupport.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Broker.Bench.Fairness;

/// <summary>
/// The whole broker as production composes it (<c>AddBroker</c>, <c>UseBroker</c>: HTTP, tokens, rate limits, a
/// co-hosted silo) on a loopback port, with a signing key of its own so the benchmark can mint department tokens.
/// </summary>
public sealed class FairnessBroker : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _keyFile;

    private FairnessBroker(WebApplication app, string keyFile, Uri address)
    {
        _app = app;
        _keyFile = keyFile;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FairnessBroker> StartAsync(string connectionString, FairnessSettings settings)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"broker-bench-{Guid.NewGuid():n}.key");
        var port = FreePort.Next();
        var config = BrokerSettings.For(connectionString, keyFile, FreePort.Next(), FreePort.Next(), $"bench-fair-{Guid.NewGuid():n}");
        config["Urls"] = $"http://127.0.0.1:{port}";
        // The department bucket is the one measured: it binds first (the subject bucket is wider).
        var limit = settings.DepartmentWritesPerSecond.ToString(CultureInfo.InvariantCulture);
        config["Broker:RateLimits:Writes:Department:Burst"] = limit;
        config["Broker:RateLimits:Writes:Department:TokensPerPeriod"] = limit;
        config["Broker:RateLimits:Writes:Department:Period"] = "00:00:01";
        config["Broker:RateLimits:Writes:Subject:Burst"] = "100000";
        config["Broker:RateLimits:Writes:Subject:TokensPerPeriod"] = "100000";

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(config);
        // Warnings only, and on stderr: stdout carries the results and the JSON line.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddBroker();
        var app = builder.Build();
        app.UseBroker();
        await app.StartAsync();
        return new FairnessBroker(app, keyFile, new Uri($"http://127.0.0.1:{port}"));
    }

    public HttpClient Client(string role, string? department = null, string? subject = null)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        var token = new TokenIssuer(new AuthOptions { SigningKeyFile = _keyFile }, SigningKey.LoadOrCreate(_keyFile), TimeProvider.System)
            .Issue(subject ?? $"{role}@{department ?? "platform"}", role, department);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Onboards a department with room for every reservation the run makes (holds expire after a minute).</summary>
    public async Task CreateDepartmentAsync(string code)
    {
        using var admin = Client("platform-admin");
        using var response = await admin.PostAsJsonAsync("/api/platform/departments", new
        {
            code,
            nameZh = "压测部门",
            nameEn = "Benchmark department",
            budgetCode = "B-001",
            contacts = new[] { new { name = "张三", email = "zhang@example.gov", phone = "010-1234", role = "IT" } },
            quota = new Dictionary<string, long> { ["vcpu"] = 100_000, ["memory_gib"] = 100_000, ["storage_gib"] = 100_000, ["vms"] = 100_000, ["databases"] = 10 },
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static HttpRequestMessage Reservation(string code) =>
        new(HttpMethod.Post, $"/api/departments/{code}/reservations") { Content = JsonContent.Create(new { vector = new { vcpu = 1 }, ttlSeconds = 60 }) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_keyFile);
    }
}
