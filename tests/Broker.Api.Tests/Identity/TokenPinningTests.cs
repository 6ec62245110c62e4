using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Broker.Api.Tests.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Broker.Api.Tests.Identity;

/// <summary>
/// Tokens the broker must refuse although they carry its issuer, audience and a role: unsigned, signed with another
/// algorithm under its own key, or of another token type. And tokens it accepts but that name no known role: they open
/// <c>/api/me</c> and nothing else under <c>/api</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TokenPinningTests(BrokerApiFactory broker)
{
    [Theory]
    [InlineData("JWT")]
    [InlineData("at+jwt")]
    public async Task A_token_signed_with_HS256_under_the_local_key_as_a_jwt_or_access_token_is_accepted(string type)
    {
        using var client = WithToken(Forge(SecurityAlgorithms.HmacSha256, type, ("role", "platform-admin")));

        await client.Send(HttpMethod.Get, "/api/platform/departments").Expect(HttpStatusCode.OK);
    }

    // HS384 under the broker's own (384-bit) key: a valid signature, but not the pinned algorithm.
    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384, "JWT")]
    [InlineData(SecurityAlgorithms.HmacSha256, "JWS")]
    public async Task A_token_signed_with_another_algorithm_or_of_another_type_is_refused(string algorithm, string type)
    {
        using var client = WithToken(Forge(algorithm, type, ("role", "platform-admin")));

        var response = await client.Send(HttpMethod.Get, "/api/platform/departments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = Base64Url($$"""{"iss":"broker-local","aud":"broker","sub":"mallory","role":"platform-admin","nbf":{{now}},"exp":{{now + 600}}}""");
        using var client = WithToken($"{header}.{payload}.");

        var response = await client.Send(HttpMethod.Get, "/api/platform/departments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string> Roleless() => new() { "none", "unknown-role", "metrics-reader" };

    [Theory]
    [MemberData(nameof(Roleless))]
    public async Task A_token_without_a_known_role_opens_only_api_me(string kind)
    {
        using var client = WithToken(kind switch
        {
            "none" => Forge(SecurityAlgorithms.HmacSha256, "JWT"),
            "unknown-role" => Forge(SecurityAlgorithms.HmacSha256, "JWT", ("role", "superuser"), ("department", "housing-fund")),
            _ => Forge(SecurityAlgorithms.HmacSha256, "JWT", ("role", "metrics-reader")),
        });
        var routes = await ApiRoutesAsync();
        Assert.True(routes.Count > 50, $"only {routes.Count} routes under /api in the OpenAPI document");

        var opened = new List<string>();
        foreach (var (method, path) in routes)
        {
            var response = await client.Send(method, Concrete(path));
            var me = path == "/api/me";
            if (response.StatusCode != (me ? HttpStatusCode.OK : HttpStatusCode.Forbidden)
                || (!me && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                opened.Add($"{method} {path}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        Assert.Empty(opened);
    }

    /// <summary>Every operation under /api that the broker's own OpenAPI document lists.</summary>
    private async Task<List<(HttpMethod Method, string Path)>> ApiRoutesAsync()
    {
        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        return document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete")
                .Select(o => (new HttpMethod(o.Key.ToUpperInvariant()), p.Key)))
            .ToList();
    }

    /// <summary>A path with its parameters filled in with values its route accepts.</summary>
    private static string Concrete(string path) => System.Text.RegularExpressions.Regex.Replace(path, "\\{([^}:]+)[^}]*\\}", m => m.Groups[1].Value switch
    {
        "version" => "1",
        "year" => "2026",
        "period" or "month" => "2026-11",
        "code" or "department" => "housing-fund",
        _ => "x",
    });

    private string Forge(string algorithm, string type, params (string Name, string Value)[] claims)
    {
        var now = DateTime.UtcNow;
        var all = new Dictionary<string, object> { ["sub"] = $"forged-{Guid.NewGuid():n}" };
        foreach (var (name, value) in claims)
        {
            all[name] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "broker-local",
            Audience = "broker",
            Claims = all,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            TokenType = type,
            SigningCredentials = new SigningCredentials(broker.SigningKeyForTests(), algorithm),
        });
    }

    private HttpClient WithToken(string token)
    {
        var client = broker.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
