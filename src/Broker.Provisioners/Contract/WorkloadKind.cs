namespace Broker.Provisioners.Contract;

/// <summary>
/// What a backend builds: the provisioners' own name for a resource's kind, so that it is never confused with
/// <c>Broker.Contracts.Resources.WorkloadKind</c>, the broker's (the two are mapped in one place, the resource's desired objects).
/// </summary>
public enum WorkloadKind
{
    Vm = 0,
    Database = 1,
}
