using System.Text.Json;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// The comment on a resource's role and database (<c>COMMENT ON ROLE/DATABASE</c>): who it is for, in JSON so that
/// both DBAs and the provisioner can read it. On the role it is the claim that the role belongs to this resource (a
/// role of our name without it is never touched) and the desired state Observe compares with; on the database it
/// is written last, so its absence means the database was created but not yet secured.
/// </summary>
internal sealed record ResourceLabel(string ManagedBy, string ResourceId, string Department, string Database, int ConnectionLimit)
{
    public const string ManagedByBroker = "broker";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The label in <paramref name="comment"/>, or null if there is none or it is not one of ours.</summary>
    public static ResourceLabel? Parse(string? comment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return null;
        }

        try
        {
            var label = JsonSerializer.Deserialize<ResourceLabel>(comment, Json);
            // Deserialisation leaves missing members null whatever the annotations say.
            return label is { ManagedBy: ManagedByBroker, ResourceId: not null, Department: not null, Database: not null } ? label : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
