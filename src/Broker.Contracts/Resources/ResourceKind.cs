namespace Broker.Contracts.Resources;

[GenerateSerializer, Alias("broker.ResourceKind")]
public enum ResourceKind
{
    Vm = 0,
    Database = 1,
}
