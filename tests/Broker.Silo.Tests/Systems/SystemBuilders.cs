using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;

namespace Broker.Silo.Tests.Systems;

/// <summary>Small builders shared by the system tests.</summary>
public static class SystemBuilders
{
    public static readonly Actor Member = new("member@housing-fund", "Dept Member", "test");
    public static readonly Actor Reviewer = new("admin@platform", "Platform Admin", "test");

    public static SystemRegistration Registration(
        string name = "住房公积金业务系统",
        SystemCategory category = SystemCategory.BusinessApplication,
        string? justification = null,
        DataSharingScope scope = DataSharingScope.Department,
        IReadOnlyList<string>? entries = null,
        int tier = 2,
        decimal investment = 3_000_000m,
        bool onCloud = true,
        string? notOnCloudReason = null) =>
        new(name, "缴存、提取与贷款业务", tier, investment, category,
            new SystemDeclarations(onCloud, notOnCloudReason, NetworkZone.Extranet, scope, entries ?? ["公积金缴存信息"]), justification);

    public static SystemReview Approve(QuotaVector envelope, string? exemption = null, EnvelopePeriod period = EnvelopePeriod.PerYear) =>
        new(true, new SystemEnvelope(envelope, period), exemption, null);

    public static SystemReview Reject(string note = "与全市统一平台功能重复") => new(false, null, null, note);

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..20];
}
