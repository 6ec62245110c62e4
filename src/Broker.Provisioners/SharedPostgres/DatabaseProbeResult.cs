namespace Broker.Provisioners.SharedPostgres;

/// <summary>What one connection probe found: whether the database served, and if not, why (never a secret).</summary>
public sealed record DatabaseProbeResult(bool Up, string? Detail)
{
    public static readonly DatabaseProbeResult Serving = new(true, null);
}
