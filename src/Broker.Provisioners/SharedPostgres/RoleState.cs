namespace Broker.Provisioners.SharedPostgres;

/// <summary>A role as the server has it now.</summary>
/// <param name="AdminIsMember">Whether the broker's admin role holds the role's privileges by inheritance (needed to create, alter and
/// drop the database it owns without being superuser).</param>
/// <param name="Settings">The role's own settings in every database (<c>pg_db_role_setting</c>), as <c>name=value</c>.</param>
internal sealed record RoleState(uint Oid, bool CanLogin, int ConnectionLimit, bool AdminIsMember, ResourceLabel? Label, IReadOnlyList<string> Settings);
