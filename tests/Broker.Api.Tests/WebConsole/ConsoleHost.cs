using System.Globalization;
using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Broker.Api.Tests.WebConsole;

/// <summary>
/// The whole broker on a real loopback port (Kestrel, not the in-memory test server: a browser needs a socket) with
/// the demo departments, catalog and systems, and one headless Chromium that the console tests open pages in.
/// </summary>
public sealed class ConsoleHost : BrokerApiFactory
{
    private IPlaywright? _playwright;

    public ConsoleHost() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseAddress { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Expectations retry until they hold; the 5 s default is short for a suite sharing two cores with every other
        // test collection, and a longer limit costs nothing when the page is already right.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Root in a container has no user namespaces for Chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    public override async Task DisposeFixtureAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await base.DisposeFixtureAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Broker:Demo:Seed", "true");
        // As ./run.sh: databases are real ones on the test's PostgreSQL server, so the shared-pg pool is not simulated.
        var server = new NpgsqlConnectionStringBuilder(ConnectionString);
        builder.UseSetting("Broker:Provisioning:SharedPostgres:AdminConnectionString", ConnectionString);
        builder.UseSetting("Broker:Provisioning:SharedPostgres:AdvertisedHost", server.Host);
        builder.UseSetting("Broker:Provisioning:SharedPostgres:AdvertisedPort", server.Port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A fresh page (own storage, so no test inherits another's sign-in) signed in with a token for the role.</summary>
    public async Task<IPage> SignedInAsync(string role, string? department = null)
    {
        var page = await NewPageAsync();
        await page.GetByLabel("访问令牌").FillAsync(Token(role, department));
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("who")).ToBeVisibleAsync();
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/");
        return page;
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("BROKER_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No Chromium at {path}: run scripts/browser.sh ensure (./test.sh does), or set BROKER_TEST_CHROMIUM.");
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleHost>
{
    public const string Name = "web-console";
}
