using Broker.Contracts.Catalog;
using Broker.Silo.Catalog;
using static Broker.Silo.Tests.Catalog.CatalogDrafts;

namespace Broker.Silo.Tests.Catalog;

public sealed class CatalogValidationTests
{
    private static IEnumerable<string> Fields(PlanDraft draft) =>
        CatalogValidation.Plan(draft, Quota(), Tiers).Select(e => e.Field!);

    [Fact]
    public void A_vm_plan_consumes_its_vcpu_memory_and_system_disk_and_one_vm_per_unit()
    {
        var perUnit = PlanQuota.Derive(OfferingKind.Vm, new VmSpec(4, 16, 100, ["debian-12"]), null);

        Assert.Equal(V(("vcpu", 4), ("memory_gib", 16), ("storage_gib", 100), ("vms", 1)), perUnit);
        Assert.Empty(CatalogValidation.Plan(Vm(), Quota(), Tiers));
    }

    [Fact]
    public void A_database_plan_consumes_each_size_times_its_instances_and_one_database_per_unit()
    {
        var perUnit = PlanQuota.Derive(OfferingKind.Database, null, new DatabaseSpec("postgresql", "16", 4, 16, 200, 3, 14, 200));

        Assert.Equal(V(("vcpu", 12), ("memory_gib", 48), ("storage_gib", 600), ("databases", 1)), perUnit);
        Assert.Empty(CatalogValidation.Plan(Database(), Quota(), Tiers));
    }

    [Fact]
    public void A_declared_per_unit_quota_that_disagrees_with_the_spec_names_each_wrong_dimension()
    {
        var draft = Vm(perUnit: V(("vcpu", 1), ("memory_gib", 4), ("storage_gib", 50)));

        var errors = CatalogValidation.Plan(draft, Quota(), Tiers);

        Assert.Equal(["perUnit.vcpu", "perUnit.vms"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("plan.per-unit-mismatch", e.Code));
        Assert.Equal("2", errors.Single(e => e.Field == "perUnit.vcpu").Detail);
    }

    [Fact]
    public void A_per_unit_quota_may_add_a_configured_dimension_but_not_an_unknown_one()
    {
        var withGpu = Vm(perUnit: PlanQuota.Derive(OfferingKind.Vm, Vm().Vm, null).Add(V(("gpu", 1))));

        Assert.Empty(CatalogValidation.Plan(withGpu, Quota("gpu"), Tiers));
        var unknown = Assert.Single(CatalogValidation.Plan(withGpu, Quota(), Tiers));
        Assert.Equal(("perUnit.gpu", "vector.unknown-dimension"), (unknown.Field, unknown.Code));
    }

    [Fact]
    public void Unknown_and_repeated_sla_tiers_are_named_by_their_position()
    {
        var errors = CatalogValidation.Plan(Vm(tiers: ["silver", "platinum", "silver"]), Quota(), Tiers);

        Assert.Equal([("slaTiers[1]", "sla-tier.unknown"), ("slaTiers[2]", "plan.sla-tier-duplicate")], errors.Select(e => (e.Field!, e.Code)));
        Assert.Equal(["slaTiers"], Fields(Vm() with { SlaTiers = [] }));
    }

    public static TheoryData<string, string> BadVmSpecs() => new()
    {
        { "vcpu=0", "vm.vcpu" },
        { "memory=5000", "vm.memoryGib" },
        { "disk=5", "vm.systemDiskGib" },
        { "images=", "vm.images" },
        { "images=Debian 12", "vm.images[0]" },
        { "images=debian-12,debian-12", "vm.images[1]" },
    };

    [Theory]
    [MemberData(nameof(BadVmSpecs))]
    public void Each_bad_vm_figure_is_named(string change, string field)
    {
        var (key, value) = (change.Split('=')[0], change.Split('=')[1]);
        var spec = new VmSpec(2, 4, 50, ["debian-12"]);
        spec = key switch
        {
            "vcpu" => spec with { Vcpu = int.Parse(value) },
            "memory" => spec with { MemoryGib = int.Parse(value) },
            "disk" => spec with { SystemDiskGib = int.Parse(value) },
            _ => spec with { Images = value.Length == 0 ? [] : value.Split(',') },
        };

        // Declare the matching quota, so that only the spec is at fault.
        Assert.Equal([field], Fields(Vm(spec: spec)));
    }

    public static TheoryData<string, string> BadDatabaseSpecs() => new()
    {
        { "engine", "database.engine" },
        { "version", "database.engineVersion" },
        { "instances", "database.instances" },
        { "backup", "database.backupRetentionDays" },
        { "connections", "database.connectionLimit" },
        { "storage", "database.storageGib" },
    };

    [Theory]
    [MemberData(nameof(BadDatabaseSpecs))]
    public void Each_bad_database_figure_is_named(string change, string field)
    {
        var spec = new DatabaseSpec("postgresql", "16", 2, 8, 100, 1, 7, 100);
        spec = change switch
        {
            "engine" => spec with { Engine = "mysql" },
            "version" => spec with { EngineVersion = "latest" },
            "instances" => spec with { Instances = 2 },
            "backup" => spec with { BackupRetentionDays = 0 },
            "connections" => spec with { ConnectionLimit = 0 },
            _ => spec with { StorageGib = 0 },
        };

        Assert.Equal([field], Fields(Database(spec)));
    }

    [Fact]
    public void A_plan_must_carry_the_spec_of_its_kind_and_only_that()
    {
        Assert.Equal(["vm"], Fields(Vm() with { Vm = null }));
        Assert.Equal(["database"], Fields(Vm() with { Database = Database().Database }));
        Assert.Equal(["vm"], Fields(Database() with { Vm = Vm().Vm }));
    }

    [Fact]
    public void Names_are_required_and_bounded()
    {
        Assert.Equal(["nameEn", "nameZh"], Fields(Vm() with { NameZh = " ", NameEn = new string('x', 201) }).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sla_tier_figures_are_checked_and_trailing_zeros_are_not_extra_decimals()
    {
        Assert.Empty(CatalogValidation.SlaTier(Tier(availability: 99.950m, multiplier: 1.2000m)));
        Assert.Equal(["availabilityPercent"], CatalogValidation.SlaTier(Tier(availability: 100m)).Select(e => e.Field));
        Assert.Equal(["availabilityPercent"], CatalogValidation.SlaTier(Tier(availability: 99.9999m)).Select(e => e.Field));
        Assert.Equal(["priceMultiplier"], CatalogValidation.SlaTier(Tier(multiplier: 0m)).Select(e => e.Field));
        Assert.Equal(["rpoMinutes", "rtoMinutes"], CatalogValidation.SlaTier(Tier(rpo: -1, rto: 600_000)).Select(e => e.Field!));
        Assert.Equal(99.95m.ToString(System.Globalization.CultureInfo.InvariantCulture), CatalogValidation.Trimmed(99.950m).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_draft_matches_a_version_only_with_exactly_the_same_content()
    {
        var draft = Vm();
        var version = draft.ToVersion("vm-small", 3, PlanStatus.Deprecated, DateTimeOffset.UnixEpoch);

        Assert.True(draft.Matches(version));
        Assert.True((draft with { SlaTiers = ["bronze", "silver"] }).Matches(version));
        Assert.False((draft with { Vm = draft.Vm! with { Images = ["kylin-v10", "debian-12"] } }).Matches(version));
        Assert.False((draft with { SlaTiers = ["bronze"] }).Matches(version));
        Assert.False((draft with { PerUnit = draft.PerUnit.Add(V(("vms", 1))) }).Matches(version));
    }
}
