namespace Broker.Provisioners.Contract;

/// <summary>What the backend reports about a resource right now.</summary>
/// <param name="Outputs">What the department needs to use it (host, port, database, credentials secret name, placement);
/// never a secret value.</param>
public sealed record ObservedResource(
    string ResourceId,
    ObservedPhase Phase,
    string? Message,
    IReadOnlyDictionary<string, string> Outputs)
{
    public static ObservedResource Absent(string resourceId) => new(resourceId, ObservedPhase.Absent, null, new Dictionary<string, string>());
}
