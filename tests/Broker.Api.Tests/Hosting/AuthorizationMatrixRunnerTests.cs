using System.Net;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Hosting;

/// <summary>The matrix runner itself: a wrong row fails the test, and every wrong row is named, not only the first.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixRunnerTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task Rows_that_get_their_status_pass()
    {
        await CheckAsync(broker,
        [
            new Row("anonymous", null, null, HttpMethod.Get, "/api/me", null, HttpStatusCode.Unauthorized),
            new Row("platform-admin", "platform-admin", null, HttpMethod.Get, "/api/me", null, HttpStatusCode.OK),
        ]);
    }

    [Fact]
    public async Task Every_row_that_does_not_get_its_status_is_reported_at_once()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CheckAsync(broker,
        [
            new Row("anonymous wrongly allowed", null, null, HttpMethod.Get, "/api/me", null, HttpStatusCode.OK),
            new Row("platform-admin", "platform-admin", null, HttpMethod.Get, "/api/me", null, HttpStatusCode.OK),
            new Row("dept-reader wrongly refused", "dept-reader", "housing-fund", HttpMethod.Get, "/api/me", null, HttpStatusCode.Forbidden),
        ]));

        Assert.Contains("2 of 3 rows failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("anonymous wrongly allowed: GET /api/me: expected 200, got 401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dept-reader wrongly refused: GET /api/me: expected 403, got 200", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("platform-admin:", failure.Message, StringComparison.Ordinal);
    }
}
