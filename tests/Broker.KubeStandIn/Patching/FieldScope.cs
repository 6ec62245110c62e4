namespace Broker.KubeStandIn.Patching;

/// <summary>Which part of an object a write may touch.</summary>
internal enum FieldScope
{
    /// <summary>Everything but the server's metadata (a kind without a status subresource, or a create).</summary>
    WholeObject,

    /// <summary>Everything but the server's metadata and <c>status</c> (main resource of a kind with a status subresource).</summary>
    MainResource,

    /// <summary>Only <c>status</c> (the <c>/status</c> subresource).</summary>
    Status,
}
