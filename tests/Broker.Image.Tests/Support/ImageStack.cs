using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Testcontainers.PostgreSql;

namespace Broker.Image.Tests.Support;

/// <summary>
/// The two locally built images as a platform team would run them: broker-postgres:local, started by Testcontainers'
/// own PostgreSqlBuilder, and broker:local in role <c>all</c> with a read-only root file system and a tmpfs at /tmp,
/// both on a user-defined network where the broker finds PostgreSQL by its alias. Started once for the collection.
/// </summary>
public sealed class ImageStack : IAsyncLifetime
{
    public const string BrokerImage = "broker:local";
    public const string PostgresImage = "broker-postgres:local";
    public const string Database = "broker";
    public const string User = "broker";
    private const string PostgresAlias = "postgres";
    private const int HttpPort = 8080;

    private readonly string _password = Guid.NewGuid().ToString("N");
    private INetwork? _network;
    private PostgreSqlContainer? _postgres;
    private IContainer? _broker;

    public PostgreSqlContainer Postgres => _postgres ?? throw new InvalidOperationException("The stack has not started.");

    public IContainer Broker => _broker ?? throw new InvalidOperationException("The stack has not started.");

    /// <summary>The broker's HTTP port as mapped on this host.</summary>
    public Uri BrokerUrl => new($"http://{Broker.Hostname}:{Broker.GetMappedPublicPort(HttpPort)}");

    public async Task InitializeAsync()
    {
        DockerEngine.UseLocalEngine();
        await DockerEngine.RequireImageAsync(BrokerImage);
        await DockerEngine.RequireImageAsync(PostgresImage);

        _network = new NetworkBuilder().WithName($"broker-image-tests-{Guid.NewGuid():N}").Build();
        await _network.CreateAsync();

        _postgres = new PostgreSqlBuilder(PostgresImage)
            .WithNetwork(_network)
            .WithNetworkAliases(PostgresAlias)
            .WithDatabase(Database)
            .WithUsername(User)
            .WithPassword(_password)
            .Build();
        await _postgres.StartAsync();

        _broker = new ContainerBuilder(BrokerImage)
            .WithNetwork(_network)
            .WithEnvironment("Broker__Role", "all")
            .WithEnvironment("ConnectionStrings__Broker", $"Host={PostgresAlias};Port=5432;Username={User};Password={_password};Database={Database}")
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithTmpfsMount("/tmp")
            .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new HostConfig()).ReadonlyRootfs = true)
            .Build();
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}

/// <summary>Both image test classes share one stack: each container start costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class ImageCollection : ICollectionFixture<ImageStack>
{
    public const string Name = "Image";
}
