using Broker.Contracts.Systems;
using Broker.Silo.Systems;
using static Broker.Silo.Tests.Systems.SystemBuilders;

namespace Broker.Silo.Tests.Systems;

public sealed class SystemValidationTests
{
    [Fact]
    public void A_complete_registration_passes()
    {
        Assert.Empty(SystemValidation.Registration(Registration()));
        Assert.Empty(SystemValidation.Registration(Registration(scope: DataSharingScope.Standalone, entries: [])));
        Assert.Empty(SystemValidation.Registration(Registration(onCloud: false, notOnCloudReason: "涉密系统须物理隔离")));
    }

    public static TheoryData<string, SystemRegistration, string, string> Invalid() => new()
    {
        { "blank name", Registration(name: "  "), "name", "field.required" },
        { "long name", Registration(name: new string('系', 201)), "name", "field.too-long" },
        { "tier 0", Registration(tier: 0), "omTier", "system.tier-invalid" },
        { "tier 4", Registration(tier: 4), "omTier", "system.tier-invalid" },
        { "zero investment", Registration(investment: 0m), "buildInvestmentCny", "system.investment-invalid" },
        { "negative investment", Registration(investment: -5m), "buildInvestmentCny", "system.investment-invalid" },
        { "three decimals", Registration(investment: 10.125m), "buildInvestmentCny", "system.investment-invalid" },
        { "absurd investment", Registration(investment: 2_000_000_000_000m), "buildInvestmentCny", "system.investment-invalid" },
        { "unknown category", Registration(category: (SystemCategory)99), "category", "system.category-invalid" },
        { "off cloud without reason", Registration(onCloud: false), "declarations.notOnCloudReason", "system.not-on-cloud-reason-required" },
        { "department sharing without entries", Registration(entries: []), "declarations.sharedCatalogEntries", "system.catalog-entries-required" },
        { "cross-department sharing without entries", Registration(scope: DataSharingScope.CrossDepartment, entries: []), "declarations.sharedCatalogEntries", "system.catalog-entries-required" },
        { "blank entry", Registration(entries: ["人口信息", " "]), "declarations.sharedCatalogEntries[1]", "field.required" },
        { "too many entries", Registration(entries: Enumerable.Range(0, 101).Select(i => $"e{i}").ToList()), "declarations.sharedCatalogEntries", "system.catalog-entries-too-many" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_rule_names_its_field(string why, SystemRegistration registration, string field, string code)
    {
        var errors = SystemValidation.Registration(registration);

        Assert.True(errors.Any(e => e.Field == field && e.Code == code), $"{why}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void Network_zone_and_sharing_scope_must_be_known_values()
    {
        var registration = Registration() with
        {
            Declarations = new SystemDeclarations(true, null, (NetworkZone)7, (DataSharingScope)9, []),
        };

        var fields = SystemValidation.Registration(registration).Select(e => e.Field).ToList();

        Assert.Contains("declarations.networkZone", fields);
        Assert.Contains("declarations.sharingScope", fields);
    }

    [Fact]
    public void Approving_needs_an_envelope_and_rejecting_needs_a_note()
    {
        Assert.Equal("envelope", Assert.Single(SystemValidation.Review(new SystemReview(true, null, null, null))).Field);
        Assert.Equal("note", Assert.Single(SystemValidation.Review(new SystemReview(false, null, null, " "))).Field);
        Assert.Empty(SystemValidation.Review(Reject()));
        Assert.Empty(SystemValidation.Review(Approve(Broker.Contracts.Quotas.QuotaVector.Empty)));
    }
}
