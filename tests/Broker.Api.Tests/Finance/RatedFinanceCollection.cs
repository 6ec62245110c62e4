namespace Broker.Api.Tests.Finance;

/// <summary>Finance view tests on the real statement engine share one broker and one rate card, and use their own departments.</summary>
[CollectionDefinition(Name)]
public sealed class RatedFinanceCollection : ICollectionFixture<RatedFinanceApiFactory>
{
    public const string Name = "broker-finance-rated";
}
