using Broker.Contracts.Quotas;

namespace Broker.Silo.Quotas;

/// <summary>
/// The key a reservation is filed under in the department's state. A system-owned reservation keeps its bare id, which is
/// also how every reservation was keyed before owners existed, so older snapshots load unchanged (and read as
/// system-owned). A department's own id gets a prefix with a space, a character the public API refuses in ids and
/// resource ids never contain, so the two id spaces cannot meet.
/// </summary>
public static class ReservationKey
{
    private const string DepartmentPrefix = "department ";

    public static string Of(ReservationOwner owner, string id) => owner == ReservationOwner.System ? id : DepartmentPrefix + id;
}
