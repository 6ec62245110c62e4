namespace Broker.Api.Tests.Sla;

/// <summary>SLA API tests share one broker with settable attainment and use their own departments.</summary>
[CollectionDefinition(Name)]
public sealed class SlaAssessmentCollection : ICollectionFixture<SlaAssessmentApiFactory>
{
    public const string Name = "broker-sla-assessment";
}
