using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Api;

/// <summary>What a verb answers: an HTTP status code and a JSON body (an object, a list or a Status).</summary>
internal sealed record ApiResult(int Code, JsonObject Body);
