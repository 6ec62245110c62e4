namespace Broker.Provisioners.Contract;

/// <summary>What the backend reports about a resource right now.</summary>
/// <param name="Outputs">What the department needs to use it (host, port, database, credentials secret name, placement);
/// never a secret value.</param>
/// <param name="Repaired">Set when this call found the backend's object changed behind the broker's back and put it
/// back (what was repaired); the caller audits and counts it.</param>
public sealed record ObservedResource(
    string ResourceId,
    ObservedPhase Phase,
    string? Message,
    IReadOnlyDictionary<string, string> Outputs,
    string? Repaired = null)
{
    public static ObservedResource Absent(string resourceId) => new(resourceId, ObservedPhase.Absent, null, new Dictionary<string, string>());
}
