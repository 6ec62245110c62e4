namespace Broker.Provisioners.SharedPostgres;

/// <summary>A database as the server has it now.</summary>
/// <param name="PublicHasPrivileges">Whether PUBLIC holds any privilege on it (CONNECT, TEMPORARY or CREATE).</param>
/// <param name="OwnerCanConnect">Whether its owner holds CONNECT on it.</param>
internal sealed record DatabaseState(
    uint OwnerOid,
    int ConnectionLimit,
    bool AllowConnections,
    bool PublicHasPrivileges,
    bool OwnerCanConnect,
    ResourceLabel? Label);
