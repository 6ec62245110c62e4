using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Broker.Drills.Tests.Harness;

namespace Broker.Drills.Tests.Load;

/// <summary>
/// The drills' load: 64 clients over HTTP against the API container, four per department, each department with an
/// approved system <c>drill</c> so that its clients can order VMs (the simulated machine room) besides reserving.
/// </summary>
public sealed class DrillLoad
{
    public const int Clients = 64;
    public const int Departments = 16;
    private const int OrdersPerClient = 4;

    private readonly BrokerCluster _cluster;

    private DrillLoad(BrokerCluster cluster, IReadOnlyList<string> departments)
    {
        _cluster = cluster;
        DepartmentCodes = departments;
    }

    public IReadOnlyList<string> DepartmentCodes { get; }

    public CallLog Log { get; } = new();

    public Ledger Ledger { get; } = new();

    /// <summary>Creates the departments and their systems through the API, as the platform team and each department would.</summary>
    public static async Task<DrillLoad> PrepareAsync(BrokerCluster cluster)
    {
        var codes = Enumerable.Range(0, Departments).Select(i => string.Create(CultureInfo.InvariantCulture, $"drill-{i:00}")).ToList();
        using var admin = cluster.As("platform-admin");
        foreach (var code in codes)
        {
            await Expect(() => admin.PostAsJsonAsync("/api/platform/departments", new
            {
                code,
                nameZh = "演练局",
                nameEn = "Drill Bureau",
                budgetCode = "B-DRILL",
                contacts = new[] { new { name = "值班员", email = "oncall@example.gov", phone = "010-1234", role = "IT" } },
                quota = new Dictionary<string, long> { ["vcpu"] = 120, ["memory_gib"] = 480, ["storage_gib"] = 20000, ["vms"] = 40, ["databases"] = 4 },
            }), HttpStatusCode.Created);
            using var member = cluster.As("dept-admin", code);
            await Expect(() => member.PutAsJsonAsync($"/api/departments/{code}/systems/drill", new
            {
                name = "演练业务系统",
                description = "failure drill load",
                omTier = 2,
                buildInvestmentCny = 1_000_000m,
                category = "business-application",
                declarations = new { onSharedCloud = true, networkZone = "extranet", sharingScope = "department", sharedCatalogEntries = new[] { "演练数据" } },
            }), HttpStatusCode.Created);
            await Expect(() => admin.PostAsJsonAsync($"/api/platform/systems/{code}/drill/review", new
            {
                approve = true,
                envelope = new { vector = new Dictionary<string, long> { ["vcpu"] = 120, ["memory_gib"] = 480, ["storage_gib"] = 20000, ["vms"] = 40 }, period = "total" },
            }), HttpStatusCode.OK);
        }

        return new DrillLoad(cluster, codes);
    }

    /// <summary>
    /// Runs the 64 clients until <paramref name="stop"/> fires; each finishes the call it is in first, retrying a write
    /// until it hears a decision or <paramref name="giveUp"/> fires (by default together with <paramref name="stop"/>).
    /// A later <paramref name="giveUp"/> is a drain: every write sent gets its decision, so none is left unknown.
    /// </summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken? giveUp = null)
    {
        var clients = Enumerable.Range(0, Clients).Select(async i =>
        {
            // A client that hears nothing for 15 s counts the request as hung and sends it again.
            using var http = _cluster.As("dept-member", DepartmentCodes[i % Departments], TimeSpan.FromSeconds(15));
            await new LoadClient(i, DepartmentCodes[i % Departments], http, Log, Ledger, OrdersPerClient).RunAsync(stop, giveUp ?? stop);
        });
        await Task.WhenAll(clients);
    }

    /// <summary>
    /// Sends until answered with a decision, as any client would: a 503 (a grain not yet warm on a busy machine, past the
    /// API's response timeout) is sent again, and after one, a 409 means the earlier attempt took effect after all.
    /// </summary>
    private static async Task Expect(Func<Task<HttpResponseMessage>> call, HttpStatusCode status)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await call();
            if (response.StatusCode == status || (attempt > 1 && response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.OK))
            {
                return;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                throw new InvalidOperationException($"Setting up the drill's load: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
