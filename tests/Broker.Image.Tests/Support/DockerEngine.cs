using Docker.DotNet;

namespace Broker.Image.Tests.Support;

/// <summary>
/// The local Docker engine: Debian's docker.io, which <c>scripts/docker.sh ensure</c> installs and starts and whose API
/// (1.41) is older than the clients' default. The images are built here by <c>scripts/image.sh</c>, never pulled.
/// </summary>
public static class DockerEngine
{
    private static readonly Version ApiVersion = new(1, 41);

    /// <summary>
    /// Testcontainers reads these when its settings are first touched, so this runs before that, without overriding what
    /// the caller exported: the engine's API version, and no Ryuk (one more image to pull, which cannot be done here;
    /// the fixtures dispose their containers, and a crashed run leaves them labelled org.testcontainers=true).
    /// </summary>
    public static void UseLocalEngine()
    {
        SetIfUnset("DOCKER_API_VERSION", "1.41");
        SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
    }

    /// <summary>Fails with what to do when <paramref name="image"/> is not in the local engine.</summary>
    public static async Task RequireImageAsync(string image)
    {
        using var client = Client();
        try
        {
            await client.Images.InspectImageAsync(image);
        }
        catch (DockerImageNotFoundException)
        {
            throw new InvalidOperationException(
                $"The image {image} is not in the local Docker engine. Build it with scripts/image.sh (./test.sh does so before the tests when Docker can run here).");
        }
    }

    /// <summary>Docker's health status of a container (starting, healthy, unhealthy) and the last check's output.</summary>
    public static async Task<ContainerHealth> HealthAsync(string containerId)
    {
        using var client = Client();
        var container = await client.Containers.InspectContainerAsync(containerId);
        var health = container.State?.Health;
        var last = health?.Log is { Count: > 0 } log ? log[^1].Output.Trim() : "";
        return new ContainerHealth(health?.Status ?? "none", last, container.Config?.Healthcheck?.Test ?? []);
    }

    private static DockerClient Client() => new DockerClientBuilder().WithApiVersion(ApiVersion).Build();

    private static void SetIfUnset(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }
}

/// <summary>What <c>docker inspect</c> says of a container's HEALTHCHECK.</summary>
public sealed record ContainerHealth(string Status, string LastOutput, IList<string> Command);
