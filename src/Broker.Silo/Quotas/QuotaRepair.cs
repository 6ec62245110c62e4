using Broker.Contracts.Quotas;
using Broker.Silo.Storage;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Quotas;

/// <summary>
/// One difference the quota pass repairs: the system-owned reservation <see cref="Id"/> becomes committed with
/// <see cref="Target"/>, or is released when <see cref="Target"/> is null. <see cref="Kind"/> says which difference it
/// was (a metric label and the audit row's reason).
/// </summary>
public sealed record QuotaRepair(string Id, QuotaRepairKind Kind, QuotaVector? Target)
{
    /// <summary>The journal entry that makes the repair (the reason is the kind, as the audit row shows it).</summary>
    public ReservationRepaired ToEvent(DateTimeOffset at) => new(at, Id, Target, WireText.Of(Kind));
}

/// <summary>The fixed set of differences, also the values of the metric's <c>repair</c> label.</summary>
public enum QuotaRepairKind
{
    /// <summary>A ready or stopped resource had no live reservation (released, expired or never there): its use is counted again.</summary>
    Restored,

    /// <summary>A ready or stopped resource's reservation was still only held: it is committed.</summary>
    Committed,

    /// <summary>A ready or stopped resource's committed reservation had another vector than its spec.</summary>
    Resized,

    /// <summary>A committed reservation whose resource is deleted or unknown: its use is given back.</summary>
    Released,
}
