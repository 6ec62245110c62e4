using Broker.Contracts.Quotas;
using Broker.Silo.Quotas;

namespace Broker.Api.Quotas;

/// <summary>One dimension of a department's quota as shown to people: its names, unit and the four figures.</summary>
public sealed record QuotaLine(string Dimension, string Unit, string NameZh, string NameEn, long Limit, long Used, long Reserved, long Available);

public sealed record QuotaResponse(string Department, long Version, IReadOnlyList<QuotaLine> Dimensions)
{
    public static QuotaResponse From(QuotaView view, IEnumerable<QuotaDimension> dimensions) => new(
        view.Department,
        view.Version,
        dimensions.Select(d => new QuotaLine(d.Name, d.Unit, d.NameZh, d.NameEn, view.Limits[d.Name], view.Used[d.Name], view.Reserved[d.Name], view.Available(d.Name))).ToList());
}

public sealed record ReservationResponse(
    string Id,
    ReservationState State,
    QuotaVector Vector,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Shortfall>? Shortfalls)
{
    public static ReservationResponse From(ReservationView view) => new(
        view.Id, view.State, view.Vector, view.CreatedAt, view.ExpiresAt, view.UpdatedAt, view.Shortfalls.Count == 0 ? null : view.Shortfalls);
}
