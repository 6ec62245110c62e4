using System.Text.Json.Serialization;
using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>
/// What happened to a resource. The journal of these (<c>broker.resource_events</c>, keyed by resource id and sequence)
/// is both the grain's truth and the outbox metering reads, so a transition and its event cannot part ways.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ResourceCreated), "resource.created")]
[JsonDerivedType(typeof(ResourceApproved), "resource.approved")]
[JsonDerivedType(typeof(ProvisioningStarted), "resource.provisioning")]
[JsonDerivedType(typeof(ResourceBecameReady), "resource.ready")]
[JsonDerivedType(typeof(UpdateStarted), "resource.updating")]
[JsonDerivedType(typeof(ResourceBecameStopped), "resource.stopped")]
[JsonDerivedType(typeof(ResourceFailed), "resource.failed")]
[JsonDerivedType(typeof(DeletionStarted), "resource.deleting")]
[JsonDerivedType(typeof(ResourceDeleted), "resource.deleted")]
[JsonDerivedType(typeof(LeaseChanged), "resource.lease-changed")]
[JsonDerivedType(typeof(LeaseExpiring), "resource.lease-expiring")]
[JsonDerivedType(typeof(CredentialsIssued), "resource.credentials-issued")]
public abstract record ResourceEvent(DateTimeOffset At)
{
    private static readonly Dictionary<Type, string> Discriminators = typeof(ResourceEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    [JsonIgnore]
    public string Type => Discriminators[GetType()];
}

public sealed record ResourceCreated(DateTimeOffset At, ResourceCreation Creation, string Backend) : ResourceEvent(At);

public sealed record ResourceApproved(DateTimeOffset At) : ResourceEvent(At);

public sealed record ProvisioningStarted(DateTimeOffset At) : ResourceEvent(At);

public sealed record ResourceBecameReady(DateTimeOffset At, IReadOnlyDictionary<string, string> Outputs) : ResourceEvent(At);

/// <summary>A resize, stop or start under way: converge to <paramref name="Spec"/> and the running flag.</summary>
public sealed record UpdateStarted(DateTimeOffset At, ResourceSpec Spec, bool Running) : ResourceEvent(At);

public sealed record ResourceBecameStopped(DateTimeOffset At) : ResourceEvent(At);

public sealed record ResourceFailed(DateTimeOffset At, string Reason) : ResourceEvent(At);

public sealed record DeletionStarted(DateTimeOffset At, string Reason) : ResourceEvent(At);

public sealed record ResourceDeleted(DateTimeOffset At, string Reason) : ResourceEvent(At);

public sealed record LeaseChanged(DateTimeOffset At, DateTimeOffset? LeaseEnd) : ResourceEvent(At);

public sealed record LeaseExpiring(DateTimeOffset At) : ResourceEvent(At);

/// <summary>A database password was issued (never the password itself).</summary>
public sealed record CredentialsIssued(DateTimeOffset At, bool Reset) : ResourceEvent(At);
