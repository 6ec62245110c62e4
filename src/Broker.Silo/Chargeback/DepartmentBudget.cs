namespace Broker.Silo.Chargeback;

/// <summary>A department's annual budget for chargeback, in CNY, set by finance.</summary>
public sealed record DepartmentBudget(string Department, int Year, decimal AmountCny, string? Note, string SetBy, DateTimeOffset SetAt);
