using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace Broker.Api.Tests.Http;

/// <summary>
/// A broker with tiny rate limits that refill only after an hour, so a test can count its way to a refusal without
/// depending on timing: writes 5 per department and 3 per caller, expensive reads 4 per department and 2 per caller.
/// </summary>
public sealed class RateLimitedApiFactory : BrokerApiFactory
{
    public const int DepartmentWrites = 5;
    public const int SubjectWrites = 3;
    public const int SubjectReads = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Rule(builder, "Writes:Department", DepartmentWrites);
        Rule(builder, "Writes:Subject", SubjectWrites);
        Rule(builder, "ExpensiveReads:Department", 4);
        Rule(builder, "ExpensiveReads:Subject", SubjectReads);
    }

    private static void Rule(IWebHostBuilder builder, string path, int burst)
    {
        builder.UseSetting($"Broker:RateLimits:{path}:Burst", burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting($"Broker:RateLimits:{path}:TokensPerPeriod", "1");
        builder.UseSetting($"Broker:RateLimits:{path}:Period", "01:00:00");
    }
}
