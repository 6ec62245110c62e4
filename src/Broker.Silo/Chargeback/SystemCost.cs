namespace Broker.Silo.Chargeback;

/// <summary>What one system was charged in a month and its share of the total over the systems considered.</summary>
public sealed record SystemCost(int Rank, string Department, string SystemId, decimal AmountCny, decimal Share);
