using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Api;

/// <summary>A failure the API server answers with a <c>Status</c> body; thrown anywhere inside a request.</summary>
internal sealed class ApiException(JsonObject status) : Exception(MessageOf(status))
{
    public JsonObject Status { get; } = status;

    public int Code => (int?)Status["code"] ?? 500;

    private static string MessageOf(JsonObject status) => (string?)status["message"] ?? "API error";
}
