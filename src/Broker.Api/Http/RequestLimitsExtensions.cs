using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

public static class RequestLimitsExtensions
{
    // Kestrel's default refuses a header value that is not ASCII or UTF-8 with a bare 400 before the application sees
    // it. Decoding leniently (bad bytes become U+FFFD) lets the header's own check answer instead, with problem+json:
    // no header the broker reads accepts anything but ASCII (Idempotency-Key, X-Correlation-Id, the bearer token).
    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The request bounds (<see cref="RequestLimitsOptions"/>) and the web server limits derived from them.</summary>
    public static IServiceCollection AddBrokerRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestLineSize = 2 * limits.Value.MaxUrlLength;
            kestrel.RequestHeaderEncodingSelector = _ => LenientUtf8;
        });

        // Whatever writes a problem without a code (the framework's own answers) still gets one, from its status.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = problem =>
        {
            if (!problem.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var code = StatusProblems.CodeFor(problem.ProblemDetails.Status ?? problem.HttpContext.Response.StatusCode);
                problem.ProblemDetails.Extensions["code"] = code;
                problem.ProblemDetails.Detail ??= Localization.Messages.Get(code);
            }
        });
        return services;
    }
}
