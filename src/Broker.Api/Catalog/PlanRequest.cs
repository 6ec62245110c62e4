namespace Broker.Api.Catalog;

/// <summary>
/// Body of <c>PUT /api/platform/catalog/plans/{code}</c>: the full content of the next version. Nullable throughout so
/// that a missing field gets a named error. <see cref="Kind"/> may be left out (a plan's kind never changes).
/// </summary>
/// <param name="PerUnit">The quota one unit consumes; derived from the spec when left out.</param>
public sealed record PlanRequest(
    string? Kind,
    string? NameZh,
    string? NameEn,
    List<string>? SlaTiers,
    Dictionary<string, long>? PerUnit,
    VmSpecRequest? Vm,
    DatabaseSpecRequest? Database);
