using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Microsoft.Playwright;

namespace Broker.Api.Tests.WebConsole;

/// <summary>
/// What every console test shares: pages in their own browser contexts, closed afterwards; a test fails on any script
/// error or failed console file, even when the page looked right; and the API calls that set up what a page shows.
/// </summary>
public abstract class ConsolePageTest(ConsoleHost host) : IAsyncLifetime
{
    private readonly List<string> _browserErrors = [];
    private readonly List<IPage> _pages = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
        {
            await page.Context.CloseAsync();
        }

        // A script error or a policy violation anywhere in the test fails it, even when the page looked right.
        Assert.Empty(_browserErrors);
    }

    protected ConsoleHost Host => host;

    protected static ILocator State(IPage page, string resourceId, string state) =>
        page.Locator($"tr[data-resource='{resourceId}'] [data-state='{state}']");

    protected async Task<IPage> NewPageAsync()
    {
        var page = await host.NewPageAsync();
        Watch(page);
        return page;
    }

    protected async Task<IPage> SignInAsync(string role, string? department = null)
    {
        var page = await host.SignedInAsync(role, department);
        Watch(page);
        return page;
    }

    private void Watch(IPage page)
    {
        _pages.Add(page);
        page.PageError += (_, error) => _browserErrors.Add(error);
        // The API's refusals (a 400 for a bad field, a 401 for a bad token) are answers the console shows, and the
        // browser logs each as a failed load; anything else failing to load (a script, a style) is an error.
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !new Uri(response.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                _browserErrors.Add($"{response.Status} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _browserErrors.Add(message.Text);
            }
        };
    }

    protected async Task<JsonNode> PlaceAsync(string role, string department, string plan, string tier)
    {
        using var client = host.As(role, department);
        object body = plan.StartsWith("pg-", StringComparison.Ordinal)
            ? new { systemId = "core", planCode = plan, slaTier = tier, quantity = 1, databaseName = "ledger" }
            : new { systemId = "core", planCode = plan, slaTier = tier, quantity = 1, image = "debian-12" };
        return await client.Send(HttpMethod.Post, $"/api/departments/{department}/orders", body).Expect(HttpStatusCode.Created).HandedOff(host.Services);
    }

    /// <summary>An order the department's admin has approved (gold is never auto-approved), waiting for the platform; its id.</summary>
    protected async Task<string> OrderWaitingForThePlatformAsync(string department)
    {
        var id = (await PlaceAsync("dept-member", department, "vm-medium", "gold"))["id"]!.GetValue<string>();
        using var admin = host.As("dept-admin", department);
        await admin.Send(HttpMethod.Post, $"/api/departments/{department}/orders/{id}/approve").Expect(HttpStatusCode.OK);
        return id;
    }

    protected async Task<List<JsonNode>> OrdersAsync(string department)
    {
        using var client = host.As("dept-reader", department);
        var page = await client.Send(HttpMethod.Get, $"/api/departments/{department}/orders?limit=200").Expect(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(o => o!).ToList();
    }

    protected async Task<int> CountOrdersAsync(string department) => (await OrdersAsync(department)).Count;
}
