namespace Broker.Contracts.Common;

/// <summary>
/// The longest text each kind of field takes, in UTF-16 code units (a Chinese character counts one). One table for the
/// API, the grains and docs/security.md ("Fields"), so a limit changes in one place. Lengths are generous for people
/// and small enough that no field can carry a megabyte into a row, an audit entry or a log line.
/// </summary>
public static class FieldLimits
{
    /// <summary>Names people read in a list: departments, systems, plans, SLA tiers, contacts, meters, catalog entries.</summary>
    public const int Name = 200;

    /// <summary>Free text: descriptions, the declarations' reasons, review and order notes, reject and back-dating reasons.</summary>
    public const int Text = 2000;

    /// <summary>A budget's note (a line in a finance table).</summary>
    public const int Note = 500;

    /// <summary>An e-mail address (RFC 5321's longest path).</summary>
    public const int Email = 254;

    /// <summary>Short labels: a contact's phone and role, a budget code, a meter's unit.</summary>
    public const int Label = 100;

    /// <summary>Ids and keys that come from outside: import source ids, department and system names in an import.</summary>
    public const int ExternalId = 200;

    /// <summary>Codes a body refers to that are checked against a list, not a pattern: SLA tier codes, image names.</summary>
    public const int Code = 64;

    /// <summary>Contacts on one department.</summary>
    public const int Contacts = 20;

    /// <summary>Entries in one list or map of a body: images of a plan, meters, database plans and SLA multipliers of a rate card.</summary>
    public const int Entries = 100;
}
