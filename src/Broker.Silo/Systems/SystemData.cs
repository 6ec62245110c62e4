using System.Text.Json.Serialization;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;

namespace Broker.Silo.Systems;

/// <summary>
/// Everything a system grain knows. All but the allocations is stored as JSON in <c>broker.systems.state</c>; the
/// allocations are rows of their own (see <see cref="SystemAllocations"/>), so an order's allocation writes one small
/// row instead of the whole system. Immutable: a decision returns the next state and the grain adopts it only once
/// PostgreSQL holds it, so a failed write leaves memory as it was.
/// </summary>
public sealed record SystemData
{
    public static readonly SystemData None = new();

    /// <summary>What the department registered; null until it registers.</summary>
    public SystemRegistration? Registration { get; init; }

    public SystemReviewStatus Status { get; init; }

    /// <summary>
    /// Who registered or last re-submitted the system: that subject may not review it (separation of duties). Null for
    /// systems stored before the rule existed.
    /// </summary>
    public string? SubmittedBy { get; init; }

    public SystemEnvelope? Envelope { get; init; }

    public string? ExemptionReason { get; init; }

    public string? ReviewNote { get; init; }

    public string? ReviewedBy { get; init; }

    public DateTimeOffset? ReviewedAt { get; init; }

    /// <summary>
    /// What each live order or resource holds against the envelope, by allocation id. Not in the state JSON: loaded
    /// from <c>broker.system_allocations</c> (an old row's <c>allocations</c> key was moved there by migration 0011).
    /// </summary>
    [JsonIgnore]
    public SystemAllocations Allocations { get; init; } = SystemAllocations.None;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public bool Exists => Registration is not null;

    [JsonIgnore]
    public QuotaVector Allocated => Allocations.Total;

    public SystemView ToView(string department, string id) => new(
        department, id, Registration!, Status, Envelope, ExemptionReason, ReviewNote, ReviewedBy, Allocated, CreatedAt, UpdatedAt);
}
