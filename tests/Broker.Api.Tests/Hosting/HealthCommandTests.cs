using System.Globalization;
using Broker.Api.Hosting;
using Broker.TestSupport.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Broker.Api.Tests.Hosting;

/// <summary>The image's HEALTHCHECK, <c>Broker.Api health</c>: which port it asks, and what its exit code says.</summary>
public sealed class HealthCommandTests
{
    [Theory]
    [InlineData(null, null, null, 8080)]
    [InlineData(null, "all", null, 8080)]
    [InlineData(null, "api", "9091", 8080)]
    [InlineData(null, "silo", null, 8081)]
    [InlineData(null, "Silo", "9091", 9091)]
    [InlineData("7000", "silo", "9091", 7000)]
    [InlineData("7000", "all", null, 7000)]
    public void The_port_is_the_http_port_or_for_a_silo_the_management_port_unless_given(string? explicitPort, string? role, string? management, int expected) =>
        Assert.Equal(expected, HealthCommand.Port(explicitPort, role, management));

    [Theory]
    [InlineData("0", null, null)]
    [InlineData("65536", null, null)]
    [InlineData("-1", null, null)]
    [InlineData("http", null, null)]
    [InlineData(null, "silo", "eighty")]
    public void A_port_that_is_not_a_port_is_refused(string? explicitPort, string? role, string? management) =>
        Assert.Null(HealthCommand.Port(explicitPort, role, management));

    [Fact]
    public async Task It_exits_0_while_healthz_answers_200_and_1_once_it_answers_otherwise()
    {
        var port = FreePort.Next();
        var healthy = true;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/healthz", () => healthy ? Results.Text("ok") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync();

        var whileHealthy = await RunAsync(port);
        healthy = false;
        var once503 = await RunAsync(port);

        Assert.Equal(0, whileHealthy.Code);
        Assert.Contains($"http://127.0.0.1:{port}/healthz: 200", whileHealthy.Output, StringComparison.Ordinal);
        Assert.Equal(1, once503.Code);
        Assert.Contains("/healthz: 503", once503.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_exits_1_when_nothing_listens()
    {
        var (code, output) = await RunAsync(FreePort.Next());

        Assert.Equal(1, code);
        Assert.Contains("/healthz:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_exits_2_on_a_port_that_is_not_one()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var code = await HealthCommand.RunAsync(["health", "--port=http"], output);

        Assert.Equal(2, code);
        Assert.StartsWith("usage: health", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(int port)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = await HealthCommand.RunAsync(["health", $"--port={port.ToString(CultureInfo.InvariantCulture)}"], output);
        return (code, output.ToString());
    }
}
