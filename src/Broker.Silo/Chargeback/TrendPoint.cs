namespace Broker.Silo.Chargeback;

/// <summary>One month of a department's trend: the statement's state, total and subtotals by category.</summary>
public sealed record TrendPoint(string Period, string State, decimal TotalCny, IReadOnlyDictionary<string, decimal> ByCategory);
