namespace Broker.Contracts.Tenancy;

[GenerateSerializer, Alias("broker.DepartmentStatus")]
public enum DepartmentStatus
{
    Active = 0,

    /// <summary>Reads keep working; nothing new can be reserved.</summary>
    Suspended = 1,
}
