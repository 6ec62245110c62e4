using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Broker.Api.Tests.Hosting;

/// <summary>Terse HTTP helpers for tests.</summary>
public static class HttpTesting
{
    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null, string? idempotencyKey = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonNode> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("empty body");

    public static async Task<JsonNode> Expect(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static object Department(string code, long vcpu = 32, string? parent = null, IReadOnlyDictionary<string, long>? quota = null) => new
    {
        code,
        nameZh = "测试局",
        nameEn = "Test Bureau",
        parentCode = parent,
        budgetCode = "B-001",
        contacts = new[] { new { name = "张三", email = "zhang@example.gov", phone = "010-1234", role = "IT" } },
        quota = quota ?? new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = vcpu * 4, ["storage_gib"] = 1000, ["vms"] = 10, ["databases"] = 4 },
    };

    public static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..24];
}
