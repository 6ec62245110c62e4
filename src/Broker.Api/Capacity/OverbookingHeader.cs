using System.Globalization;
using Broker.Silo.Capacity;
using Microsoft.Extensions.Options;

namespace Broker.Api.Capacity;

/// <summary>
/// Flags a quota change that leaves the departments' quotas, summed, above what the pools can sell: allowed (quotas
/// are promises, not all used at once) but the platform team should see it. The answer carries
/// <c>Broker-Capacity-Overbooked: vcpu=1.25, memory_gib=1.10</c> for every overbooked dimension.
/// </summary>
public sealed class OverbookingHeader(CapacityReporter reporter, IOptions<CapacityOptions> options) : IEndpointFilter
{
    public const string Header = "Broker-Capacity-Overbooked";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (options.Value.Pools.Count == 0 || answer is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            return result;
        }

        var overbooked = (await reporter.OverbookingAsync(http.RequestAborted)).Dimensions.Where(d => d.Overbooked).ToList();
        if (overbooked.Count > 0)
        {
            http.Response.Headers[Header] = string.Join(", ", overbooked.Select(d =>
                $"{d.Dimension}={(d.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "inf")}"));
        }

        return result;
    }
}
