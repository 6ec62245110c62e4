using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

/// <summary>
/// Refuses what no handler should see, before any handler runs: a target longer than the broker answers (414), an
/// unsafe path parameter (400, see <see cref="RequestBounds"/>), a body above its limit (413). A JSON body is read
/// here, up to the limit, so the refusal never depends on how a handler or the server reads; an upload is left to
/// stream, bounded by the server's own body limit raised to the upload limit for that request alone.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    private const string LimitKey = "broker.body-limit";

    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.GetEncodedPathAndQuery();
        if (target.Length > limits.MaxUrlLength)
        {
            await Problems.Create(StatusCodes.Status414UriTooLong, "request.uri-too-long", Localization.Messages.Get("request.uri-too-long", limits.MaxUrlLength))
                .ExecuteAsync(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is RouteEndpoint route && RequestBounds.UnsafeRouteValue(route.RoutePattern, request.RouteValues, limits.MaxRouteValueLength) is { } parameter)
        {
            await Problems.Invalid(parameter, "route.value-invalid", limits.MaxRouteValueLength).ExecuteAsync(context);
            return;
        }

        var upload = endpoint?.Metadata.GetMetadata<UploadMetadata>() is not null;
        var limit = upload ? limits.MaxUploadBytes : limits.MaxBodyBytes;
        context.Items[LimitKey] = limit;
        if (request.ContentLength > limit)
        {
            await TooLarge(context, limit);
            return;
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        if (upload)
        {
            // Kestrel then refuses past the limit itself (BadHttpRequestException 413, answered by BrokerExceptionHandler).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = limit;
            }

            await next(context);
            return;
        }

        var buffered = new MemoryStream();
        try
        {
            await ReadAtMostAsync(request.Body, buffered, limit + 1, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return; // the caller went away mid-body: nobody is left to answer
        }

        if (buffered.Length > limit)
        {
            await TooLarge(context, limit);
            return;
        }

        buffered.Position = 0;
        request.Body = buffered;
        await next(context);
    }

    private static Task TooLarge(HttpContext context, long limit) => TooLarge(limit).ExecuteAsync(context);

    public static ProblemHttpResult TooLarge(long limit) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "request.too-large", Localization.Messages.Get("request.too-large", limit),
            new Dictionary<string, object?> { ["field"] = "body", ["limit"] = limit });

    /// <summary>
    /// The body limit of the request's endpoint (uploads have their own), remembered for the exception handler, which
    /// runs after the endpoint has been cleared from the context.
    /// </summary>
    public static long LimitFor(HttpContext context, RequestLimitsOptions limits) =>
        context.Items[LimitKey] as long? ?? limits.MaxBodyBytes;

    private static async Task ReadAtMostAsync(Stream source, MemoryStream target, long most, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        int read;
        while (target.Length < most && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, most - target.Length)), cancellationToken)) > 0)
        {
            target.Write(chunk, 0, read);
        }
    }
}
