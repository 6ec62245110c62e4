namespace Broker.Contracts.Catalog;

/// <summary>What an offering provisions. JSON and storage spell it kebab-case: <c>vm</c>, <c>database</c>.</summary>
[GenerateSerializer, Alias("broker.OfferingKind")]
public enum OfferingKind
{
    Vm = 0,

    /// <summary>A managed database; the engine is in <see cref="DatabaseSpec.Engine"/> (PostgreSQL for now).</summary>
    Database = 1,
}
