using System.Globalization;
using Broker.Api.Http;
using Broker.Silo.Metering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Metering;

/// <summary>
/// Finance reads the facts a statement is rated from: <c>/api/finance/ledger/{resourceId}</c>, a resource's ledger
/// intervals oldest first, so a figure on a statement can be traced to the allocations behind it.
/// </summary>
public static class FinanceLedgerApi
{
    public static RouteGroupBuilder MapFinanceLedgerApi(this RouteGroupBuilder finance)
    {
        finance.MapGet("/ledger/{resourceId}", GetLedger).WithTags("Finance: statements").WithName("GetLedgerIntervals")
            .WithSummary("A resource's ledger intervals (what it held, from when to when), oldest first; next is the cursor for after");
        return finance;
    }

    public static async Task<Results<Ok<Page<LedgerInterval>>, ProblemHttpResult>> GetLedger(
        string resourceId, string? after, int? limit, LedgerIntervals ledger, CancellationToken cancellationToken)
    {
        if (!Paging.ValidLimit(limit))
        {
            return Problems.Invalid("limit", "page.invalid", Paging.MaxLimit);
        }

        long cursor = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor) || cursor < 0))
        {
            return Problems.Invalid("after", "page.invalid", Paging.MaxLimit);
        }

        var size = limit ?? 50;
        var rows = await ledger.PageAsync(resourceId, cursor, size + 1, cancellationToken);
        if (rows.Count == 0 && after is null && !await ledger.KnowsAsync(resourceId, cancellationToken))
        {
            return Problems.NotFound("ledger.resource-not-found", "resourceId");
        }

        var page = rows.Take(size).ToList();
        return TypedResults.Ok(new Page<LedgerInterval>(page, rows.Count > size ? page[^1].OpenedSeq.ToString(CultureInfo.InvariantCulture) : null));
    }
}
