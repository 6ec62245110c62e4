using System.Security.Cryptography;
using System.Text;

namespace Broker.Api.Orders;

/// <summary>
/// Order ids are DNS-label safe (they prefix resource ids, which name Kubernetes objects). With an Idempotency-Key the
/// id is derived from it, so a retried order lands on the same grain and finds the first answer.
/// </summary>
public static class OrderIds
{
    public static string For(string department, string? idempotencyKey) =>
        "o" + (idempotencyKey is { Length: > 0 }
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{department}|{idempotencyKey}")))[..15]
            : Guid.NewGuid().ToString("n")[..15]);
}
