namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>, as strings, as Kubernetes has them.</param>
public sealed record StatusCondition(string Type, string Status, string? Reason = null, string? Message = null);
