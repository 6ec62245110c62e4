namespace Broker.Api.Quotas;

/// <summary>
/// Body of <c>POST /api/departments/{code}/reservations</c>. Without an <see cref="Id"/>, the Idempotency-Key header
/// names the reservation, so a retried request finds the first one; without either, a new id is made.
/// </summary>
public sealed record ReservationRequestBody(string? Id, Dictionary<string, long>? Vector, int? TtlSeconds);
