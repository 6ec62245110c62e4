using System.Net;

namespace Broker.Api.Tests.Hosting;

/// <summary>
/// The principals every authorization matrix runs through, the rule that says what each should get (anonymous 401;
/// a department user reaching into another department 404; a role without the right 403; everyone else success), and
/// the one runner every matrix test uses: <see cref="CheckAsync(BrokerApiFactory, IEnumerable{Func{Task{Row}}})"/>.
/// </summary>
public static class AuthorizationMatrix
{
    public sealed record Principal(string Name, string? Role, bool Own);

    /// <summary>
    /// One row of a matrix: who calls (a role, none for anonymous, and the department a department role belongs to),
    /// the request, and the status the caller must get.
    /// </summary>
    public sealed record Row(string Name, string? Role, string? Department, HttpMethod Method, string Route, object? Body, HttpStatusCode Expected);

    public const string OtherDepartment = "other-dept";

    public static readonly Principal[] Principals =
    [
        new("anonymous", null, false),
        new("platform-admin", "platform-admin", false),
        new("platform-operator", "platform-operator", false),
        new("finance", "finance", false),
        new("auditor", "auditor", false),
        new("dept-admin/own", "dept-admin", true),
        new("dept-member/own", "dept-member", true),
        new("dept-reader/own", "dept-reader", true),
        new("dept-admin/other", "dept-admin", false),
        new("dept-reader/other", "dept-reader", false),
    ];

    public static readonly string[] Staff = ["platform-admin", "platform-operator", "finance", "auditor"];
    public static readonly string[] OwnReaders = [.. Staff, "dept-admin/own", "dept-member/own", "dept-reader/own"];
    public static readonly string[] OwnWriters = ["dept-admin/own", "dept-member/own"];
    public static readonly string[] Everyone = Principals.Where(p => p.Role is not null).Select(p => p.Name).ToArray();

    private static string? DepartmentOf(Principal p, string ownDepartment) =>
        p.Role is not null && p.Role.StartsWith("dept-", StringComparison.Ordinal) ? (p.Own ? ownDepartment : OtherDepartment) : null;

    /// <summary>The row of principal <paramref name="p"/> for an endpoint whose expected status follows the rule of <see cref="Expected"/>.</summary>
    public static Row For(Principal p, string ownDepartment, string endpoint, (HttpMethod Method, string Route, object? Body) request, string[] allowed, HttpStatusCode success, bool departmentScoped) =>
        new($"{endpoint} as {p.Name}", p.Role, DepartmentOf(p, ownDepartment), request.Method, request.Route, request.Body, Expected(p, allowed, success, departmentScoped));

    /// <summary>Checks rows that need nothing arranged first.</summary>
    public static Task CheckAsync(BrokerApiFactory broker, IEnumerable<Row> rows) =>
        CheckAsync(broker, rows.Select(row => (Func<Task<Row>>)(() => Task.FromResult(row))));

    /// <summary>
    /// Arranges each row just before sending it (a fresh department, order or resource per row, as it needs), checks its
    /// status, and that a refusal is problem+json; then fails once, listing every row that did not get what it should,
    /// so one run shows the whole of a broken policy rather than its first cell.
    /// </summary>
    public static async Task CheckAsync(BrokerApiFactory broker, IEnumerable<Func<Task<Row>>> rows)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var arrange in rows)
        {
            count++;
            Row row;
            try
            {
                row = await arrange();
            }
            catch (Exception e)
            {
                failures.Add($"row {count}: arranging it failed: {e.Message}");
                continue;
            }

            var client = row.Role is null ? broker.Anonymous() : broker.As(row.Role, row.Department);
            using var response = await client.Send(row.Method, row.Route, row.Body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != row.Expected)
            {
                failures.Add($"{row.Name}: {row.Method} {row.Route}: expected {(int)row.Expected}, got {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}");
            }
            else if ((int)row.Expected >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{row.Name}: {row.Method} {row.Route}: {(int)row.Expected} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not application/problem+json");
            }
        }

        Assert.True(count > 0, "the matrix has no rows");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} rows failed:\n{string.Join('\n', failures)}");
    }

    public static HttpStatusCode Expected(Principal p, string[] allowed, HttpStatusCode success, bool departmentScoped) =>
        p.Role is null ? HttpStatusCode.Unauthorized
        : allowed.Contains(p.Name) ? success
        : departmentScoped && p.Role.StartsWith("dept-", StringComparison.Ordinal) && !p.Own ? HttpStatusCode.NotFound
        : HttpStatusCode.Forbidden;
}
