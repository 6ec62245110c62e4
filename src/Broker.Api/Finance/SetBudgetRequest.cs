namespace Broker.Api.Finance;

/// <summary>Body of <c>PUT /api/finance/budgets/{department}/{year}</c>: the annual amount in CNY and an optional note.</summary>
public sealed record SetBudgetRequest(decimal? AmountCny, string? Note);
