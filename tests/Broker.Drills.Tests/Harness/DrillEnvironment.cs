using Docker.DotNet;

namespace Broker.Drills.Tests.Harness;

/// <summary>
/// What the drills need from the machine: a Docker engine and the two images built here by <c>scripts/image.sh</c>
/// (no registry is reachable). Names can be overridden for a run against other tags.
/// </summary>
public static class DrillEnvironment
{
    public const string SkipVariable = "BROKER_DRILLS";

    /// <summary>The broker image (<c>scripts/image.sh</c>); <c>BROKER_DRILL_IMAGE</c> overrides it.</summary>
    public static string BrokerImage => Variable("BROKER_DRILL_IMAGE", "broker:local");

    /// <summary>The PostgreSQL image built from Debian's packages (<c>scripts/image.sh</c>); <c>BROKER_DRILL_POSTGRES_IMAGE</c> overrides it.</summary>
    public static string PostgresImage => Variable("BROKER_DRILL_POSTGRES_IMAGE", "broker-postgres:local");

    public static bool SkipRequested => string.Equals(Environment.GetEnvironmentVariable(SkipVariable), "skip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where each drill writes its JSON line: TestResults/drills under the repository (the lead copies figures from there).</summary>
    public static string ResultsDirectory => Variable("BROKER_DRILL_RESULTS", Path.Combine(Broker.TestSupport.RepositoryFiles.Root(), "TestResults", "drills"));

    /// <summary>
    /// Fails with what to do when no Docker engine answers or an image is missing. Sets the Docker client's variables
    /// the project pins (API 1.41, no Ryuk reaper: the drills remove their own containers) unless exported otherwise.
    /// </summary>
    public static async Task<DockerClient> EnsureDockerAsync()
    {
        SetIfUnset("DOCKER_API_VERSION", "1.41");
        SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
        var client = new DockerClientBuilder().WithApiVersion(new Version(1, 41)).Build();
        try
        {
            await client.System.PingAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or DockerApiException or IOException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            throw new InvalidOperationException(
                "The failure drills need a Docker engine and none answers (" + ex.Message + "). Start one with `scripts/docker.sh ensure`, " +
                $"or set {SkipVariable}=skip to skip the drills on purpose.", ex);
        }

        foreach (var image in new[] { BrokerImage, PostgresImage })
        {
            try
            {
                await client.Images.InspectImageAsync(image);
            }
            catch (DockerImageNotFoundException)
            {
                client.Dispose();
                throw new InvalidOperationException($"The image {image} is missing: build it with `scripts/image.sh` (no registry is reachable here).");
            }
        }

        return client;
    }

    private static string Variable(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static void SetIfUnset(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }
}
