namespace Broker.Drills.Tests.Drills;

/// <summary>The drills take the Docker engine and both cores for minutes each: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillCollection
{
    public const string Name = "Drills";
}
