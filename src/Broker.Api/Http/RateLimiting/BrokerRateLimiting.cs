using System.Globalization;
using System.Threading.RateLimiting;
using Broker.Api.Hosting;
using Broker.Api.Identity;
using Broker.Api.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Broker.Api.Http.RateLimiting;

/// <summary>
/// Wires ASP.NET Core's rate limiter as one global limiter: a department bucket chained with a subject bucket for each
/// class of request (<see cref="CallerPartition"/>). It runs after authentication and authorization, so an unsigned or
/// forbidden request costs no token, and it refuses at once (no queue) with a 429 problem+json and Retry-After.
/// </summary>
public static partial class BrokerRateLimiting
{
    public const string RefusalCode = "rate-limited";

    public static IServiceCollection AddBrokerRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IOptions<AuthOptions>>((limiter, limits, auth) =>
        {
            var options = limits.Value;
            var departmentClaim = auth.Value.DepartmentClaim;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            if (!options.Enabled)
            {
                return;
            }

            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, (RequestClass, string)>(context =>
                {
                    var caller = Partition(context, departmentClaim);
                    return caller.Class == RequestClass.Unlimited || caller.Department is null
                        ? RateLimitPartition.GetNoLimiter((RequestClass.Unlimited, ""))
                        : Bucket((caller.Class, caller.Department), Rules(options, caller.Class).Department);
                }),
                PartitionedRateLimiter.Create<HttpContext, (RequestClass, string)>(context =>
                {
                    var caller = Partition(context, departmentClaim);
                    return caller.Class == RequestClass.Unlimited
                        ? RateLimitPartition.GetNoLimiter((RequestClass.Unlimited, ""))
                        : Bucket((caller.Class, caller.Subject), Rules(options, caller.Class).Subject);
                }));
        });
        return services;
    }

    /// <summary>The caller's partition, read once per request and kept in the request's items for the refusal.</summary>
    private static CallerPartition Partition(HttpContext context, string departmentClaim)
    {
        if (context.Items.TryGetValue(typeof(CallerPartition), out var known) && known is CallerPartition cached)
        {
            return cached;
        }

        var user = context.User.Identity?.IsAuthenticated == true ? BrokerUser.From(context.User, departmentClaim) : null;
        var expensive = context.GetEndpoint()?.Metadata.GetMetadata<ExpensiveReadMetadata>() is not null;
        var caller = CallerPartition.Of(context.Request.Method, expensive, user);
        context.Items[typeof(CallerPartition)] = caller;
        return caller;
    }

    private static RateLimitClass Rules(RateLimitOptions options, RequestClass kind) =>
        kind == RequestClass.Write ? options.Writes : options.ExpensiveReads;

    private static RateLimitPartition<(RequestClass, string)> Bucket((RequestClass, string) key, RateLimitRule rule) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = rule.Burst,
            TokensPerPeriod = rule.TokensPerPeriod,
            ReplenishmentPeriod = rule.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var caller = context.Items.TryGetValue(typeof(CallerPartition), out var known) && known is CallerPartition c ? c : default;
        ApiMetrics.RateLimitRefusals.WithLabels(caller.DepartmentLabel, caller.ClassLabel).Inc();

        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Create(StatusCodes.Status429TooManyRequests, RefusalCode, Messages.Get(RefusalCode, seconds),
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(context);
    }
}
