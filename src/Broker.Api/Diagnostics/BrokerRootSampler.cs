using System.Diagnostics;
using Broker.Silo.Diagnostics;
using OpenTelemetry.Trace;

namespace Broker.Api.Diagnostics;

/// <summary>
/// Decides for spans that would start a trace (the parent-based sampler follows the parent everywhere else). Only an
/// HTTP request to the broker or a step of the broker's own (<see cref="BrokerActivities.NamePrefix"/>) may start one,
/// kept at <see cref="TelemetryOptions.SampleRatio"/>. The rest has no parent because it is background work, not
/// part of a request: the membership table's heartbeats, the sweepers' queries, the resource grains' periodic reads
/// of Kubernetes. Kept, those would outnumber the orders' traces many times over and cost an export each.
/// </summary>
public sealed class BrokerRootSampler(double ratio) : Sampler
{
    /// <summary>The activity ASP.NET Core starts for each request, before it is renamed after the route.</summary>
    public const string HttpRequestIn = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    private readonly TraceIdRatioBasedSampler _ratio = new(ratio);

    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        // A transaction shared by several traced writes links to their traces, which were kept already: keep it too.
        if (samplingParameters.Name == BrokerActivities.GroupCommit)
        {
            return samplingParameters.Links?.Any(l => l.Context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)) == true ? Keep : Drop;
        }

        return StartsTrace(samplingParameters.Name) ? _ratio.ShouldSample(samplingParameters) : Drop;
    }

    public static bool StartsTrace(string name) =>
        name == HttpRequestIn || name.StartsWith(BrokerActivities.NamePrefix, StringComparison.Ordinal);
}
