namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// One way a resource's role or database differs from what it should be. Listed in the order an apply fixes them:
/// membership first (the admin needs it for the rest), PUBLIC's privileges revoked before connections are allowed, and
/// the database label last, since it marks the database as completely set up.
/// </summary>
internal enum Deviation
{
    AdminNotMember,
    RoleCannotLogin,
    RoleConnectionLimit,
    RoleLimits,
    RoleLabel,
    PublicPrivileges,
    OwnerCannotConnect,
    DatabaseConnectionLimit,
    ConnectionsNotAllowed,
    PublicSchemaNotLockedDown,
    DatabaseLabel,
}
