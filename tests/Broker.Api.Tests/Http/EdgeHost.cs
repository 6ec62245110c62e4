using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Http;

/// <summary>
/// The whole broker behind real Kestrel on a loopback port: what the web server itself refuses (request lines, header
/// bytes, body sizes) never reaches the in-memory test server, so these tests need the real one.
/// </summary>
public sealed class EdgeHost : BrokerApiFactory
{
    public EdgeHost() => UseKestrel(0);

    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}

[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeHost>
{
    public const string Name = "http-edge";
}
