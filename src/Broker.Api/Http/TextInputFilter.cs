using Broker.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Broker.Api.Http;

/// <summary>
/// A safety net under the per-field checks, on every <c>/api</c> route: a query value or a string anywhere in the
/// JSON body that holds NUL or another character no field takes (<see cref="TextRules"/>) is refused with a 400
/// <c>field.invalid-character</c> naming the parameter or field, before any handler runs. PostgreSQL refuses NUL in
/// text, so without this a forgotten field would answer 503 instead. Path parameters are checked by the routes.
/// </summary>
public sealed class TextInputFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (QueryProblem(context.HttpContext.Request.Query) is { } query)
        {
            return query;
        }

        // The body is the argument bound from JSON; route values, services and query strings are never walked as one.
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is not null && bodyType != typeof(string))
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is not null && bodyType.IsInstanceOfType(argument) && BodyText.FirstRefused(argument) is { } refused)
                {
                    return Problems.Invalid(refused.Field, TextRules.InvalidCharacterCode, refused.Character);
                }
            }
        }

        return await next(context);
    }

    private static ProblemHttpResult? QueryProblem(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if (TextRules.IndexOfRefused(key, TextShape.Line) is var k and >= 0)
            {
                return Problems.Invalid("query", TextRules.InvalidCharacterCode, TextRules.Describe(key[k]));
            }

            foreach (var value in values)
            {
                if (value is not null && TextRules.IndexOfRefused(value, TextShape.Line) is var at and >= 0)
                {
                    return Problems.Invalid(key, TextRules.InvalidCharacterCode, TextRules.Describe(value[at]));
                }
            }
        }

        return null;
    }
}
