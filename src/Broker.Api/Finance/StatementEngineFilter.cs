using Broker.Api.Http;
using Broker.Api.Localization;
using Broker.Silo.Chargeback;

namespace Broker.Api.Finance;

/// <summary>
/// A host without a statement engine answers the views that need one with 503 <c>finance.engine-unavailable</c>
/// instead of the generic failure, and everything else keeps working.
/// </summary>
public sealed class StatementEngineFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StatementEngineUnavailableException)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "finance.engine-unavailable", Messages.Get("finance.engine-unavailable"));
        }
    }
}
