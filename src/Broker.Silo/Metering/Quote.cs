namespace Broker.Silo.Metering;

/// <summary>What an order of <see cref="Quantity"/> resources of a plan at an SLA tier would cost for a whole month.</summary>
public sealed record Quote(string PlanCode, int PlanVersion, string SlaTier, int Quantity, string Period, IReadOnlyList<StatementLine> Lines, decimal MonthlyTotal, string Currency);
