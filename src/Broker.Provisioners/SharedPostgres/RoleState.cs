namespace Broker.Provisioners.SharedPostgres;

/// <summary>A role as the server has it now.</summary>
/// <param name="AdminIsMember">Whether the broker's admin role holds the role's privileges by inheritance (needed to create, alter and
/// drop the database it owns without being superuser).</param>
internal sealed record RoleState(uint Oid, bool CanLogin, int ConnectionLimit, bool AdminIsMember, ResourceLabel? Label);
