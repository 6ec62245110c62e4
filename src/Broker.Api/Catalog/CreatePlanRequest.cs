namespace Broker.Api.Catalog;

/// <summary>Body of <c>POST /api/platform/catalog/plans</c>: the new plan's code and the content of its version 1.</summary>
public sealed record CreatePlanRequest(
    string? Code,
    string? Kind,
    string? NameZh,
    string? NameEn,
    List<string>? SlaTiers,
    Dictionary<string, long>? PerUnit,
    VmSpecRequest? Vm,
    DatabaseSpecRequest? Database)
{
    public PlanRequest ToContent() => new(Kind, NameZh, NameEn, SlaTiers, PerUnit, Vm, Database);
}
