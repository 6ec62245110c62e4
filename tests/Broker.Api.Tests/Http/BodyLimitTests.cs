using System.Text;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Http;

/// <summary>
/// Request bodies are bounded: 1 MiB for JSON (Broker:Requests:MaxBodyBytes), 32 MiB for usage imports
/// (MaxUploadBytes). Above the bound the answer is 413 problem+json naming the body and the limit, whether the body
/// came with a length or chunked, and nothing is written.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BodyLimitTests(EdgeHost broker)
{
    private const long JsonLimit = 1024 * 1024;
    private const long UploadLimit = 32 * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_json_body_over_one_MiB_is_a_413_problem_and_creates_nothing(bool chunked)
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);
        // A valid department padded with whitespace: only its size is wrong.
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(HttpTesting.Department(HttpTesting.NewCode("big"))) + new string(' ', 2 * 1024 * 1024));

        var answer = await RawHttp.SendAsync(broker.BaseAddress, Head("POST /api/platform/departments", "platform-admin", "application/json"), body, chunked);

        var problem = ProblemAssert.Is(answer, 413, "request.too-large", "body");
        Assert.Equal(JsonLimit, (long)problem["limit"]!);
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task A_json_body_just_under_the_limit_is_read_as_usual()
    {
        var code = HttpTesting.NewCode("near");
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(HttpTesting.Department(code)));
        var padded = body.Concat(Enumerable.Repeat((byte)' ', (int)JsonLimit - body.Length)).ToArray();

        var answer = await RawHttp.SendAsync(broker.BaseAddress, Head("POST /api/platform/departments", "platform-admin", "application/json"), padded);

        Assert.True(answer.Status == 201, answer.Body);
    }

    [Fact]
    public async Task A_50_MB_usage_import_is_a_413_problem_not_malformed_json_and_imports_nothing()
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);
        var csv = new byte[50 * 1024 * 1024];
        Array.Fill(csv, (byte)'a');

        var answer = await RawHttp.SendAsync(broker.BaseAddress, Head("POST /api/finance/usage-imports", "finance", "text/csv"), csv);

        var problem = ProblemAssert.Is(answer, 413, "request.too-large", "body");
        Assert.Equal(UploadLimit, (long)problem["limit"]!);
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task A_chunked_usage_import_over_32_MiB_is_a_413_problem_once_the_server_has_read_the_limit()
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);
        var csv = new byte[UploadLimit + (1024 * 1024)];
        Array.Fill(csv, (byte)'a');

        var answer = await RawHttp.SendAsync(broker.BaseAddress, Head("POST /api/finance/usage-imports", "finance", "text/csv"), csv, chunked: true);

        var problem = ProblemAssert.Is(answer, 413, "request.too-large", "body");
        Assert.Equal(UploadLimit, (long)problem["limit"]!);
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task A_usage_import_above_the_json_limit_is_not_refused_for_its_size()
    {
        // Two MiB of one unparseable line: refused by the import's own rules, line by line, not by the body limit.
        var csv = new byte[2 * 1024 * 1024];
        Array.Fill(csv, (byte)'a');

        var answer = await RawHttp.SendAsync(broker.BaseAddress, Head("POST /api/finance/usage-imports", "finance", "text/csv"), csv);

        Assert.True(answer.Status is >= 400 and < 500 and not 413, $"{answer.Status}: {answer.Body[..Math.Min(answer.Body.Length, 500)]}");
        Assert.NotEqual("request.too-large", (string?)answer.Json()["code"]);
    }

    private string Head(string requestLine, string role, string contentType) =>
        $"{requestLine} HTTP/1.1\r\nAuthorization: Bearer {broker.Token(role)}\r\nContent-Type: {contentType}";
}
