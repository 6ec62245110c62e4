namespace Broker.Api.Tests.Processes;

/// <summary>Child-process tests run one at a time: each starts silos that want both cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "broker-processes";
}
