namespace Broker.Provisioners.Contract;

public enum ResourceKind
{
    Vm = 0,
    Database = 1,
}
