namespace Broker.Api.Tests.Hosting;

/// <summary>Test classes in this collection share one broker (one silo, one database) and use their own departments.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<BrokerApiFactory>
{
    public const string Name = "broker-api";
}
