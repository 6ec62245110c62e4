using Broker.KubeStandIn.Patching;

namespace Broker.KubeStandIn.Api;

/// <summary>Who writes, through which part of the object, and for an apply which fields it applied.</summary>
/// <param name="Manager">The field manager recorded in <c>managedFields</c>.</param>
/// <param name="ApiVersion">The apiVersion the manager used.</param>
/// <param name="Scope">The part of the object the write may touch.</param>
/// <param name="Applied">For an apply: the applied fields; null for an update.</param>
/// <param name="Taken">For a forced apply: the fields taken from other managers.</param>
internal sealed record Ownership(string Manager, string ApiVersion, FieldScope Scope, FieldSet? Applied = null, FieldSet? Taken = null);
