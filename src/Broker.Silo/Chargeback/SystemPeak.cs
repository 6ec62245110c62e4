namespace Broker.Silo.Chargeback;

/// <summary>
/// The most a system held at once in each quota dimension over a period, from its ledger intervals, and its O&amp;M
/// tier (null when the system is not registered).
/// </summary>
public sealed record SystemPeak(string Department, string SystemId, int? OmTier, IReadOnlyDictionary<string, long> Peaks);
