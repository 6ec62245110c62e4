using Microsoft.Extensions.Options;

namespace Broker.Silo.Diagnostics;

/// <summary>Checks the tracing settings at start, reporting every failure at once.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        var source = options.FromEnvironment ? string.Join(" or ", TelemetryOptions.EndpointVariables) : $"{TelemetryOptions.SectionName}:OtlpEndpoint";
        if (options.Traces && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            failures.Add($"{source} must be an absolute http:// or https:// URL of an OTLP collector, or empty to trace nothing.");
        }

        if (!(options.SampleRatio is >= 0 and <= 1))
        {
            failures.Add($"{TelemetryOptions.SectionName}:SampleRatio must be between 0 and 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
