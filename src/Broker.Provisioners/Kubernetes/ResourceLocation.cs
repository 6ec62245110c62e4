using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Where a resource's main object lives: its namespace (from the department) and its kind.</summary>
internal sealed record ResourceLocation(string Namespace, WorkloadKind Kind);
