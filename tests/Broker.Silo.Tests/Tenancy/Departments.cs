using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;

namespace Broker.Silo.Tests.Tenancy;

/// <summary>Small builders shared by the grain tests.</summary>
public static class Departments
{
    public static readonly Actor Admin = new("admin@platform", "Platform Admin", "test");

    /// <summary>The owner the public API acts as; the grain tests reserve as a department's tooling would.</summary>
    public const ReservationOwner Tooling = ReservationOwner.Department;

    public static QuotaVector V(long vcpu = 0, long memory = 0, long vms = 0) => new(new Dictionary<string, long>
    {
        ["vcpu"] = vcpu,
        ["memory_gib"] = memory,
        ["vms"] = vms,
    });

    public static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..30];

    public static async Task<IDepartmentGrain> CreateAsync(IGrainFactory grains, string code, QuotaVector limits)
    {
        var grain = grains.GetGrain<IDepartmentGrain>(code);
        var result = await grain.CreateAsync(new DepartmentProfile("测试部门", "Test department", null, null, [], DepartmentStatus.Active), limits, Admin);
        Assert.Null(result.Error);
        return grain;
    }

    public static ReservationRequest Request(string id, QuotaVector vector, TimeSpan? ttl = null) =>
        new(id, vector, ttl ?? TimeSpan.FromMinutes(10));
}
