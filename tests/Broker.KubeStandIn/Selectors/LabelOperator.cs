namespace Broker.KubeStandIn.Selectors;

/// <summary>The operators of Kubernetes label selectors.</summary>
internal enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
