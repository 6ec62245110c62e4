using System.Net;
using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Http;

/// <summary>Asserts an answer is RFC 9457 problem+json with the status, the code and, where one applies, the field.</summary>
public static class ProblemAssert
{
    public static JsonNode Is(RawHttp.Answer answer, int status, string code, string? field = null) =>
        Check(answer.Status, answer.ContentType, answer.Body, status, code, field);

    public static async Task<JsonNode> Is(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null) =>
        Check((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync(), (int)status, code, field);

    public static async Task<JsonNode> Is(Task<HttpResponseMessage> call, HttpStatusCode status, string code, string? field = null) =>
        await Is(await call, status, code, field);

    private static JsonNode Check(int actualStatus, string contentType, string body, int status, string code, string? field)
    {
        Assert.True(actualStatus == status, $"expected {status}, got {actualStatus}: {body}");
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(code, (string?)problem["code"]);
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), body);
        if (field is not null)
        {
            var named = (string?)problem["field"] == field || problem["errors"]?[field] is not null;
            Assert.True(named, $"expected the field '{field}' in {body}");
        }

        return problem;
    }
}
