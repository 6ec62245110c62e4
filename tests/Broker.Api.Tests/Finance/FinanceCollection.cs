namespace Broker.Api.Tests.Finance;

/// <summary>The export and authorization tests share one broker with a fixed statement engine and use their own departments.</summary>
[CollectionDefinition(Name)]
public sealed class FinanceCollection : ICollectionFixture<FinanceApiFactory>
{
    public const string Name = "broker-finance";
}
