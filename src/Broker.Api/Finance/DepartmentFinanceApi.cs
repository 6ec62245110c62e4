using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Chargeback;
using Microsoft.AspNetCore.Http.HttpResults;
using Broker.Silo.Metering;

namespace Broker.Api.Finance;

/// <summary>
/// A department's own chargeback: <c>/api/departments/{code}/finance</c>. Mapped on the department group, so
/// <see cref="DepartmentAccessFilter"/> answers another department's users with 404 and platform staff may read.
/// </summary>
public static class DepartmentFinanceApi
{
    public static RouteGroupBuilder MapDepartmentFinanceApi(this RouteGroupBuilder department)
    {
        // Every view here computes statements over one or more months: rate limited per caller like writes.
        var group = department.MapGroup("/finance").WithTags("Department: chargeback").AsExpensiveRead();
        group.MapGet("/export", Export).WithName("ExportDepartmentStatement")
            .WithSummary("The department's statement for ?period as CSV (?format=csv) or XLSX (?format=xlsx: summary plus the department's sheet)");
        group.MapGet("/trend", Trend).WithName("DepartmentTrend").WithSummary("The department's monthly totals from ?from to ?to (default the last 12 months)");
        group.MapGet("/top-systems", TopSystems).WithName("DepartmentTopSystems").WithSummary("The department's systems by cost in ?period");
        group.MapGet("/budget", Budget).WithName("DepartmentBudgetStatus")
            .WithSummary("The department's budget against actual to the end of ?period, with the alert thresholds reached (404 without a budget)");
        group.MapGet("/savings", Savings).WithName("DepartmentSavings")
            .WithSummary("What the department's systems would have cost built separately, against what it was charged");
        return department;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        string code, string? period, string? format, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, services.CurrentMonth);
        var kind = FinanceRequests.Format(errors, format);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await services.Context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var statement = await services.Statements.Engine.GetAsync(code, month.ToString(), cancellationToken);
        return FinanceExports.File([statement], kind, month, code);
    }

    public static async Task<Results<Ok<DepartmentTrend>, ProblemHttpResult>> Trend(
        string code, string? from, string? to, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var current = services.CurrentMonth;
        var (first, last) = FinanceRequests.Range(errors, from, to, current.AddMonths(-11), current, services.MaxMonths);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await services.Context.DepartmentExistsAsync(code))
        {
            return Problems.NotFound("department.not-found", "code");
        }

        var trend = await services.Views.TrendAsync(code, first, last, cancellationToken);
        return TypedResults.Ok(trend.Single());
    }

    public static async Task<Results<Ok<IReadOnlyList<SystemCost>>, ProblemHttpResult>> TopSystems(
        string code, string? period, int? limit, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, services.CurrentMonth);
        if (!Paging.ValidLimit(limit))
        {
            errors.Add(("limit", "page.invalid", [Paging.MaxLimit]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return await services.Context.DepartmentExistsAsync(code)
            ? TypedResults.Ok(await services.Views.TopSystemsAsync(code, month, limit ?? FinanceRequests.DefaultTopSystems, cancellationToken))
            : Problems.NotFound("department.not-found", "code");
    }

    public static async Task<Results<Ok<BudgetStatus>, ProblemHttpResult>> Budget(
        string code, string? period, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var month = FinanceRequests.Month(errors, "period", period, services.CurrentMonth);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var status = await services.Views.BudgetStatusAsync(code, month, cancellationToken);
        return status.Count == 1 ? TypedResults.Ok(status[0]) : Problems.NotFound("finance.budget-not-found", "period");
    }

    public static async Task<Results<Ok<SavingsReport>, ProblemHttpResult>> Savings(
        string code, string? from, string? to, [AsParameters] FinanceServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var current = services.CurrentMonth;
        var (first, last) = FinanceRequests.Range(errors, from, to, new BillingMonth(current.Year, 1), current, services.MaxMonths);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return await services.Context.DepartmentExistsAsync(code)
            ? TypedResults.Ok(await services.Savings.ComputeAsync(code, first, last, cancellationToken))
            : Problems.NotFound("department.not-found", "code");
    }
}
