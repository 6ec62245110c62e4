namespace Broker.Provisioners.Kubernetes.Manifests;

public sealed record ClusterBootstrap(InitDb Initdb);
