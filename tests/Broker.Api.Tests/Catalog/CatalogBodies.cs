using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Catalog;

/// <summary>Valid catalog request bodies to start tests from, and reads of the catalog's audit trail.</summary>
public static class CatalogBodies
{
    public static object VmPlan(string code, string nameEn = "Small VM", int memoryGib = 4, string[]? tiers = null) => new
    {
        code,
        kind = "vm",
        nameZh = "小型云主机",
        nameEn,
        slaTiers = tiers ?? ["bronze", "silver"],
        vm = new { vcpu = 2, memoryGib, systemDiskGib = 50, images = new[] { "debian-12", "kylin-v10" } },
    };

    public static object VmContent(string nameEn = "Small VM", int memoryGib = 4) => new
    {
        nameZh = "小型云主机",
        nameEn,
        slaTiers = new[] { "bronze", "silver" },
        vm = new { vcpu = 2, memoryGib, systemDiskGib = 50, images = new[] { "debian-12", "kylin-v10" } },
    };

    public static object DatabasePlan(string code, int instances = 3) => new
    {
        code,
        kind = "database",
        nameZh = "高可用数据库",
        nameEn = "HA database",
        slaTiers = new[] { "silver", "gold" },
        perUnit = new Dictionary<string, long> { ["vcpu"] = 4 * instances, ["memory_gib"] = 16 * instances, ["storage_gib"] = 200 * instances, ["databases"] = 1 },
        database = new { engine = "postgresql", engineVersion = "16", vcpu = 4, memoryGib = 16, storageGib = 200, instances, backupRetentionDays = 14, connectionLimit = 200 },
    };

    public static async Task<HttpClient> CreatedVmPlan(this BrokerApiFactory broker, string code)
    {
        var admin = broker.As("platform-admin");
        await admin.Send(HttpMethod.Post, "/api/platform/catalog/plans", VmPlan(code)).Expect(HttpStatusCode.Created);
        return admin;
    }

    /// <summary>Audit actions about one catalog object, newest first.</summary>
    public static async Task<List<string>> AuditActions(this BrokerApiFactory broker, string objectType, string objectId)
    {
        var audit = await broker.As("auditor").Send(HttpMethod.Get, $"/api/platform/audit?objectType={objectType}&objectId={objectId}&limit=200").Expect(HttpStatusCode.OK);
        return audit["items"]!.AsArray().Select(i => (string)i!["action"]!).ToList();
    }

    /// <summary>The newest audit row's id; unchanged across a call means that call audited nothing.</summary>
    public static async Task<long?> LatestAuditId(this BrokerApiFactory broker)
    {
        var audit = await broker.As("auditor").Send(HttpMethod.Get, "/api/platform/audit?limit=1").Expect(HttpStatusCode.OK);
        return audit["items"]!.AsArray().Select(i => (long?)i!["id"]!).FirstOrDefault();
    }

    public static IEnumerable<string> ErrorFields(this JsonNode problem) => problem["errors"]!.AsObject().Select(p => p.Key);
}
