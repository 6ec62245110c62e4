using Broker.Api.Http;
using Broker.Api.Identity;
using Broker.Api.Localization;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Silo.Metering;
using Broker.Silo.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Broker.Silo.Storage;

namespace Broker.Api.Orders;

/// <summary>
/// Orders: a department places and follows its own under <c>/api/departments/{code}/orders</c>; its dept-admin approves
/// the department level; platform operators approve theirs under <c>/api/platform</c>.
/// </summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder department)
    {
        var orders = department.MapGroup("/orders").WithTags("Department: orders");
        orders.MapGet("/", ListOrders).WithName("ListOrders").WithSummary("The department's orders (paged, by state)");
        orders.MapPost("/", PlaceOrder).WithName("PlaceOrder").WithSummary("Order N resources of a plan for a system").WithIdempotencyKey();
        orders.MapGet("/{id}", GetOrder).WithName("GetOrder").WithSummary("One order with its approval levels");
        orders.MapPost("/{id}/cancel", CancelOrder).WithName("CancelOrder").WithSummary("Withdraw a pending order; its quota is released");
        orders.MapPost("/{id}/approve", ApproveDepartmentLevel).WithName("ApproveOrderAsDepartment").WithSummary("Approve the department's level (dept-admin)");
        orders.MapPost("/{id}/reject", RejectDepartmentLevel).WithName("RejectOrderAsDepartment").WithSummary("Reject at the department's level (dept-admin)");
        department.MapGet("/approvals", DepartmentQueue).WithName("DepartmentApprovalQueue").WithSummary("Orders waiting for this department's admin").WithTags("Department: orders");
        return department;
    }

    public static RouteGroupBuilder MapPlatformOrdersApi(this RouteGroupBuilder platform)
    {
        platform.MapGet("/approvals", PlatformQueue).WithName("PlatformApprovalQueue").WithSummary("Orders waiting for platform operators").WithTags("Platform: orders");
        platform.MapGet("/orders", AllOrders).WithName("ListAllOrders").WithSummary("Orders across departments").WithTags("Platform: orders");
        platform.MapPost("/orders/{department}/{id}/approve", ApproveAsOperator).WithName("ApproveOrderAsOperator")
            .WithSummary("Approve the platform level").WithTags("Platform: orders").RequireAuthorization(Policies.PlatformOperator);
        platform.MapPost("/orders/{department}/{id}/reject", RejectAsOperator).WithName("RejectOrderAsOperator")
            .WithSummary("Reject at the platform level").WithTags("Platform: orders").RequireAuthorization(Policies.PlatformOperator);
        return platform;
    }

    public static async Task<Results<Created<OrderView>, Ok<OrderView>, ProblemHttpResult>> PlaceOrder(string code, OrderRequestBody body, BrokerCallContext context, QuoteService quotes)
    {
        // The grain checks the same rules; here every bad field is named at once.
        var request = new OrderRequest(body.SystemId ?? "", body.PlanCode ?? "", body.SlaTier ?? "", body.Quantity ?? 1, body.Image, body.DatabaseName, body.LeaseEnd, body.Note);
        var errors = OrderValidation.Request(request).Select(e => (e.Field ?? "body", e.Code, new object?[] { e.Detail })).ToList();
        if (body.Quantity is null)
        {
            errors.Add(("quantity", "field.required", []));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var key = context.Http.Request.Headers[IdempotencyMiddleware.Header].ToString();
        var id = OrderIds.For(code, key);
        var result = await context.Grains.GetOrder(new OrderKey(code, id)).PlaceAsync(request, context.Actor);
        if (result.Error is not null)
        {
            return Problems.From(result.Error, result.Shortfalls);
        }

        var order = await WithEstimateAsync(result.Order!, quotes, context.Aborted);
        return result.Replayed ? TypedResults.Ok(order) : TypedResults.Created($"/api/departments/{code}/orders/{id}", order);
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(string code, string id, BrokerCallContext context, QuoteService quotes)
    {
        var order = await context.Grains.GetOrder(new OrderKey(code, id)).GetAsync();
        return order is null ? Problems.NotFound("order.not-found", "id") : TypedResults.Ok(await WithEstimateAsync(order, quotes, context.Aborted));
    }

    /// <summary>
    /// The order with its monthly cost from the same rating code as statements (the quote a department can ask for
    /// before ordering); left empty when no rate card is in force, since a zero would read as "free".
    /// </summary>
    private static async Task<OrderView> WithEstimateAsync(OrderView order, QuoteService quotes, CancellationToken cancellationToken)
    {
        var quote = await quotes.QuoteAsync(order.Request.PlanCode, order.Request.SlaTier, order.Request.Quantity, cancellationToken);
        return quote is { Lines.Count: > 0 } ? order with { MonthlyEstimateCny = quote.MonthlyTotal } : order;
    }

    public static async Task<Results<Ok<Page<OrderView>>, ProblemHttpResult>> ListOrders(string code, string? state, string? after, int? limit, OrderDirectory directory, BrokerCallContext context) =>
        await Page(directory, context, code, state, null, after, limit);

    public static async Task<Results<Ok<Page<OrderView>>, ProblemHttpResult>> DepartmentQueue(string code, string? after, int? limit, OrderDirectory directory, BrokerCallContext context) =>
        await Page(directory, context, code, null, Roles.DeptAdmin, after, limit);

    public static async Task<Results<Ok<Page<OrderView>>, ProblemHttpResult>> PlatformQueue(string? after, int? limit, OrderDirectory directory, BrokerCallContext context) =>
        await Page(directory, context, null, null, Roles.PlatformOperator, after, limit);

    public static async Task<Results<Ok<Page<OrderView>>, ProblemHttpResult>> AllOrders(string? department, string? state, string? waitingFor, string? after, int? limit, OrderDirectory directory, BrokerCallContext context) =>
        await Page(directory, context, department, state, waitingFor, after, limit);

    public static Task<Results<Ok<OrderView>, ProblemHttpResult>> CancelOrder(string code, string id, BrokerCallContext context) =>
        Decide(context.Grains.GetOrder(new OrderKey(code, id)).CancelAsync(context.Actor));

    public static Task<Results<Ok<OrderView>, ProblemHttpResult>> ApproveDepartmentLevel(string code, string id, BrokerCallContext context) =>
        Decide(context.Grains.GetOrder(new OrderKey(code, id)).ApproveAsync(Approver(context)));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> RejectDepartmentLevel(string code, string id, RejectBody body, BrokerCallContext context) =>
        OrderValidation.Reason(body.Reason) is { } invalid
            ? Problems.From(invalid)
            : await Decide(context.Grains.GetOrder(new OrderKey(code, id)).RejectAsync(Approver(context), body.Reason ?? ""));

    public static Task<Results<Ok<OrderView>, ProblemHttpResult>> ApproveAsOperator(string department, string id, BrokerCallContext context) =>
        Decide(context.Grains.GetOrder(new OrderKey(department, id)).ApproveAsync(Approver(context)));

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> RejectAsOperator(string department, string id, RejectBody body, BrokerCallContext context) =>
        OrderValidation.Reason(body.Reason) is { } invalid
            ? Problems.From(invalid)
            : await Decide(context.Grains.GetOrder(new OrderKey(department, id)).RejectAsync(Approver(context), body.Reason ?? ""));

    private static Approver Approver(BrokerCallContext context) => new(context.Actor, context.User.Roles.ToList());

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Decide(Task<OrderResult> call)
    {
        var result = await call;
        return result.Error switch
        {
            null => TypedResults.Ok(result.Order!),
            { Code: "order.not-your-level" } => Problems.Forbidden(),
            // Separation of duties: the role may act on this level, but not this person on their own order.
            { Code: "order.self-approval" } error => Problems.Create(StatusCodes.Status403Forbidden, error.Code, Messages.Get(error.Code),
                new Dictionary<string, object?> { ["field"] = error.Field }),
            var error => Problems.From(error),
        };
    }

    private static async Task<Results<Ok<Page<OrderView>>, ProblemHttpResult>> Page(
        OrderDirectory directory, BrokerCallContext context, string? department, string? state, string? waitingFor, string? after, int? limit)
    {
        OrderState? parsed = null;
        if (state is not null)
        {
            if (!WireText.TryParse<OrderState>(state, out var value))
            {
                return Problems.Invalid("state", "field.invalid");
            }

            parsed = value;
        }

        if (!Paging.ValidLimit(limit))
        {
            return Problems.Invalid("limit", "page.invalid", Paging.MaxLimit);
        }

        var take = limit ?? 50;
        var rows = await directory.ListAsync(department, parsed, waitingFor, after, take + 1, context.Aborted);
        var orders = new List<OrderView>();
        foreach (var (id, dept) in rows.Take(take))
        {
            if (await context.Grains.GetOrder(new OrderKey(dept, id)).GetAsync() is { } order)
            {
                orders.Add(order);
            }
        }

        return TypedResults.Ok(new Page<OrderView>(orders, rows.Count > take ? rows[take - 1].Id : null));
    }
}
