using System.Globalization;

namespace Broker.Api.Hosting;

/// <summary>
/// <c>Broker.Api health [--port=N]</c>: the container image's HEALTHCHECK, since its base has no curl. Asks the broker
/// running beside it for <c>/healthz</c> on loopback and exits 0 when that answers 200, 1 when it does not (or not within
/// a few seconds), 2 on a bad port. It reads the broker's own configuration (appsettings.json, environment, arguments), so
/// the port follows the role: see <see cref="Port"/>.
/// </summary>
public static class HealthCommand
{
    public const int HttpPort = 8080;

    /// <summary>The management port a silo listens on unless configured otherwise (<see cref="ManagementOptions"/>).</summary>
    public static int ManagementPort => new ManagementOptions().Port;

    // Docker's own timeout (HEALTHCHECK --timeout) is longer: a hung broker is reported as unhealthy by us, with a reason.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..])
            .Build();
        var port = Port(configuration["port"] ?? configuration["Broker:Health:Port"], configuration[BrokerRoles.ConfigurationKey], configuration[$"{ManagementOptions.SectionName}:Port"]);
        if (port is null)
        {
            await output.WriteLineAsync("usage: health [--port=N] (N from 1 to 65535; also Broker:Health:Port, Broker:Management:Port)");
            return 2;
        }

        var url = new Uri($"http://127.0.0.1:{port.Value.ToString(CultureInfo.InvariantCulture)}/healthz");
        // No proxy: an HTTP_PROXY in the container's environment must not route a loopback probe elsewhere.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url);
            await output.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The port to probe: an explicit one when given; else, for role <c>silo</c> (which serves no public API), the
    /// management port (<paramref name="managementPort"/>, default <see cref="ManagementPort"/>); else the HTTP port
    /// <see cref="HttpPort"/> of roles <c>api</c> and <c>all</c>. Null when a given port is not a port.
    /// </summary>
    public static int? Port(string? explicitPort, string? role, string? managementPort)
    {
        if (!string.IsNullOrWhiteSpace(explicitPort))
        {
            return Parse(explicitPort);
        }

        if (string.Equals(role?.Trim(), "silo", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(managementPort) ? ManagementPort : Parse(managementPort);
        }

        return HttpPort;
    }

    private static int? Parse(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;
}
