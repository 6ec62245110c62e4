namespace Broker.Provisioners.Kubernetes.Manifests;

/// <summary>The application database CNPG creates on a fresh cluster; its owner's password goes to Secret <c>{cluster}-app</c>.</summary>
public sealed record InitDb(string Database, string Owner);
