namespace Broker.Silo.Chargeback;

/// <summary>A department's charges month by month, oldest first, with their sum and monthly average.</summary>
public sealed record DepartmentTrend(string Department, IReadOnlyList<TrendPoint> Months, decimal TotalCny, decimal AverageCny);
