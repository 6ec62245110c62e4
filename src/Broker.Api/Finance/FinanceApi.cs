using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Chargeback;
using Microsoft.AspNetCore.Http.HttpResults;
using Broker.Silo.Metering;

namespace Broker.Api.Finance;

/// <summary>
/// Finance's side of chargeback: <c>/api/finance</c>, every department at once. Mapped on the finance group, so only
/// the finance role gets here; departments have their own view in <see cref="DepartmentFinanceApi"/>.
/// </summary>
public static class FinanceApi
{
    public static RouteGroupBuilder MapFinanceApi(this RouteGroupBuilder finance)
    {
        var group = finance.MapGroup("").WithTags("Finance: chargeback").AsExpensiveRead();
        group.MapGet("/exports/{period}", ExportAll).WithName("ExportAllStatements")
            .WithSummary("Every department's statement for a month as CSV (?format=csv) or XLSX (?format=xlsx: summary sheet plus one sheet per department)");
        group.MapGet("/trend", Trend).WithName("FinanceTrend").WithSummary("Each department's monthly totals from ?from to ?to (yyyy-MM; default the last 12 months)");
        group.MapGet("/top-systems", TopSystems).WithName("FinanceTopSystems").WithSummary("The systems that cost most in ?period across departments (?limit, default 10)");
        group.MapGet("/budgets", ListBudgets).WithName("ListBudgets").WithSummary("Annual budgets of ?year (default this year)");
        group.MapPut("/budgets/{department}/{year}", SetBudget).WithName("SetBudget").WithSummary("Set a department's annual budget (the same again changes nothing)");
        group.MapGet("/budget-status", BudgetStatus).WithName("FinanceBudgetStatus")
            .WithSummary("Budget against actual to the end of ?period for each department with a budget, with the alert thresholds reached");
        group.MapGet("/savings", Savings).WithName("FinanceSavings")
            .WithSummary("Consolidation savings per department and for the city from ?from to ?to (default this year to date)");
        return finance;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAll(
        string period, string? format, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, default);
        var kind = FinanceRequests.Format(errors, format);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var statements = await services.Statements.Engine.GetAllAsync(month.ToString(), cancellationToken);
        return FinanceExports.File(statements, kind, month, null);
    }

    public static async Task<Results<Ok<IReadOnlyList<DepartmentTrend>>, ProblemHttpResult>> Trend(
        string? from, string? to, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var current = services.CurrentMonth;
        var (first, last) = FinanceRequests.Range(errors, from, to, current.AddMonths(-11), current, services.MaxMonths);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await services.Views.TrendAsync(null, first, last, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<SystemCost>>, ProblemHttpResult>> TopSystems(
        string? period, int? limit, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, services.CurrentMonth);
        if (!Paging.ValidLimit(limit))
        {
            errors.Add(("limit", "page.invalid", [Paging.MaxLimit]));
        }

        return errors.Count > 0
            ? Problems.Invalid(errors)
            : TypedResults.Ok(await services.Views.TopSystemsAsync(null, month, limit ?? FinanceRequests.DefaultTopSystems, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<DepartmentBudget>>, ProblemHttpResult>> ListBudgets(
        string? year, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var y = FinanceRequests.Year(errors, "year", year, services.CurrentMonth.Year);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await services.Budgets.ListAsync(y, null, cancellationToken));
    }

    public static async Task<Results<Ok<DepartmentBudget>, ProblemHttpResult>> SetBudget(
        string department, string year, SetBudgetRequest? request, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var y = FinanceRequests.Year(errors, "year", year, 0);
        FinanceRequests.Budget(errors, request);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await services.Context.DepartmentExistsAsync(department))
        {
            return Problems.NotFound("department.not-found", "department");
        }

        var (budget, _) = await services.Budgets.SetAsync(department, y, request!.AmountCny!.Value, request.Note, services.Context.Actor, cancellationToken);
        return TypedResults.Ok(budget);
    }

    public static async Task<Results<Ok<IReadOnlyList<BudgetStatus>>, ProblemHttpResult>> BudgetStatus(
        string? period, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, services.CurrentMonth);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await services.Views.BudgetStatusAsync(null, month, cancellationToken));
    }

    public static async Task<Results<Ok<SavingsReport>, ProblemHttpResult>> Savings(
        string? from, string? to, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var current = services.CurrentMonth;
        var (first, last) = FinanceRequests.Range(errors, from, to, new BillingMonth(current.Year, 1), current, services.MaxMonths);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await services.Savings.ComputeAsync(null, first, last, cancellationToken));
    }
}
