using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Http;

/// <summary>
/// A path parameter that no id or code can be (a space, a newline, a dot segment, 2,000 characters) is refused once,
/// before any handler, as a 400 problem+json naming the parameter; it never reaches a grain key or PostgreSQL (where
/// a space or newline used to answer 503), and nothing is written.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class PathParameterTests(EdgeHost broker) : IAsyncLifetime
{
    private const string Department = "edge-paths";

    public static readonly TheoryData<string, string, string, string> Cases = Build();

    public async Task InitializeAsync()
    {
        var answer = await broker.As("platform-admin").Send(System.Net.Http.HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(Department));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_unsafe_path_parameter_is_a_400_problem_naming_it_and_changes_nothing(string method, string path, string role, string field)
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);
        var head = $"{method} {path} HTTP/1.1\r\nAuthorization: Bearer {broker.Token(role, role.StartsWith("dept-", StringComparison.Ordinal) ? Department : null)}\r\nContent-Type: application/json";

        var answer = await RawHttp.SendAsync(broker.BaseAddress, head, method == "GET" ? null : "{}"u8.ToArray());

        ProblemAssert.Is(answer, 400, "route.value-invalid", field);
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Theory]
    [InlineData("/api/departments/edge-paths/resources/..")]
    [InlineData("/api/departments/edge-paths/resources/%2E%2E")]
    [InlineData("/api/departments/edge-paths/systems/../../../platform/departments")]
    public async Task A_dot_segment_never_reaches_a_handler_as_an_id_and_is_never_a_5xx(string path)
    {
        var answer = await RawHttp.SendAsync(broker.BaseAddress, $"GET {path} HTTP/1.1\r\nAuthorization: Bearer {broker.Token("dept-admin", Department)}");

        // Kestrel removes dot segments before routing, so the request lands on another route (or none), as that route's caller.
        Assert.InRange(answer.Status, 200, 499);
        if (answer.Status >= 400)
        {
            Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"id\":\"..\"", answer.Body, StringComparison.Ordinal);
    }

    private static TheoryData<string, string, string, string> Build()
    {
        string[] values = ["a%20b", "a%0Ab", "%0A", "%09", "%7F", "%E4%B8%AD", new string('x', 2000)];
        var data = new TheoryData<string, string, string, string>();
        foreach (var value in values)
        {
            data.Add("GET", $"/api/departments/{Department}/resources/{value}", "dept-admin", "id");
            data.Add("PUT", $"/api/departments/{Department}/systems/{value}", "dept-admin", "id");
            data.Add("POST", $"/api/departments/{Department}/reservations/{value}/release", "dept-admin", "id");
            data.Add("PUT", $"/api/finance/om-profiles/{Department}/{value}", "finance", "system");
            data.Add("PUT", $"/api/finance/om-profiles/{value}/web", "finance", "department");
            data.Add("GET", $"/api/platform/departments/{value}", "platform-admin", "code");
            data.Add("GET", $"/api/departments/{value}/quota", "platform-admin", "code");
        }

        return data;
    }
}
