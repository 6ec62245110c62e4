namespace Broker.KubeStandIn.Api;

/// <summary>One entry of <c>Status.details.causes</c>: what is wrong with which field.</summary>
/// <param name="Reason">A cause reason such as <c>FieldValueRequired</c>, <c>FieldValueInvalid</c>, <c>FieldValueForbidden</c>.</param>
/// <param name="Message">The detail after the field path, as the API server phrases it.</param>
/// <param name="Field">The field path (<c>metadata.name</c>).</param>
internal sealed record StatusCause(string Reason, string Message, string Field);
