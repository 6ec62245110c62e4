namespace Broker.Silo.Sla;

/// <summary>
/// One step of a tier's SLA credit schedule on the rate card: a resource whose monthly attainment is below
/// <c>target − <see cref="BelowTargetBy"/></c> percentage points is credited <see cref="Percent"/> % of its own charges
/// for that month. Steps are listed with <see cref="BelowTargetBy"/> rising; the deepest step reached applies.
/// </summary>
/// <param name="BelowTargetBy">Percentage points under the target (0 means "any miss").</param>
/// <param name="Percent">Share of the resource's monthly charges credited, 0 to 100.</param>
public sealed record CreditStep(decimal BelowTargetBy, decimal Percent);
