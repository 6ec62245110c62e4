using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Finance;

/// <summary>
/// The finance endpoints × the principals of <see cref="AuthorizationMatrix"/>: <c>/api/finance</c> is for the finance
/// role alone; a department's own view is for its users and platform staff, and another department's users get 404.
/// </summary>
[Collection(FinanceCollection.Name)]
public sealed class FinanceAuthorizationMatrixTests(FinanceApiFactory broker)
{
    private sealed record Case(string Name, bool DepartmentScoped, string[] Allowed, Func<string, (HttpMethod Method, string Url, object? Body)> Prepare);

    private static readonly string[] FinanceOnly = ["finance"];

    private static readonly Case[] Cases =
    [
        new("finance.export", false, FinanceOnly, _ => (HttpMethod.Get, "/api/finance/exports/2026-10?format=csv", null)),
        new("finance.trend", false, FinanceOnly, _ => (HttpMethod.Get, "/api/finance/trend?from=2026-09&to=2026-10", null)),
        new("finance.top-systems", false, FinanceOnly, _ => (HttpMethod.Get, "/api/finance/top-systems?period=2026-10", null)),
        new("finance.budgets", false, FinanceOnly, _ => (HttpMethod.Get, "/api/finance/budgets?year=2026", null)),
        new("finance.set-budget", false, FinanceOnly, own => (HttpMethod.Put, $"/api/finance/budgets/{own}/2026", new { amountCny = 50_000m })),
        new("finance.budget-status", false, FinanceOnly, _ => (HttpMethod.Get, "/api/finance/budget-status?period=2026-10", null)),
        new("finance.savings", false, FinanceOnly, _ => (HttpMethod.Get, "/api/finance/savings?from=2026-10&to=2026-10", null)),
        new("department.export", true, OwnReaders, own => (HttpMethod.Get, $"/api/departments/{own}/finance/export?period=2026-10", null)),
        new("department.trend", true, OwnReaders, own => (HttpMethod.Get, $"/api/departments/{own}/finance/trend", null)),
        new("department.top-systems", true, OwnReaders, own => (HttpMethod.Get, $"/api/departments/{own}/finance/top-systems?period=2026-10", null)),
        new("department.budget", true, OwnReaders, own => (HttpMethod.Get, $"/api/departments/{own}/finance/budget?period=2026-10", null)),
        new("department.savings", true, OwnReaders, own => (HttpMethod.Get, $"/api/departments/{own}/finance/savings", null)),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows() =>
        await CheckAsync(broker, from c in Cases from p in Principals select (Func<Task<Row>>)(async () =>
        {
            var (own, _) = await FinanceData.BilledAsync(broker, "fin-authz");
            await broker.As("finance").Send(HttpMethod.Put, $"/api/finance/budgets/{own}/2026", new { amountCny = 90_000m }).Expect(HttpStatusCode.OK);
            return For(p, own, c.Name, c.Prepare(own), c.Allowed, HttpStatusCode.OK, c.DepartmentScoped);
        }));
}
