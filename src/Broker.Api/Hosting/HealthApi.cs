using Broker.Contracts.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Broker.Api.Hosting;

/// <summary>Liveness and readiness for the orchestrator; anonymous by design, they reveal nothing.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", Ready).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Ready when a silo answers a grain call and PostgreSQL answers a query, each within a few seconds.</summary>
    public static async Task<Results<Ok<ReadyResponse>, JsonHttpResult<ReadyResponse>>> Ready(
        IGrainFactory grains, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var silo = await Check(async () => await grains.GetGrain<IHealthGrain>(0).PingAsync().WaitAsync(timeout.Token));
        var database = await Check(async () =>
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
        });
        var response = new ReadyResponse(silo, database);
        return silo && database ? TypedResults.Ok(response) : TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> Check(Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    public sealed record ReadyResponse(bool Silo, bool Database);
}
