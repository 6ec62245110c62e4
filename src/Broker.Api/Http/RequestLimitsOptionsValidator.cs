using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

public sealed class RequestLimitsOptionsValidator : IValidateOptions<RequestLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitsOptions options)
    {
        const string section = RequestLimitsOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 16 * 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{section}:MaxBodyBytes must be between 16 KiB and 64 MiB (it is {options.MaxBodyBytes}).");
        }

        if (options.MaxUploadBytes < options.MaxBodyBytes || options.MaxUploadBytes > 1024L * 1024 * 1024)
        {
            failures.Add($"{section}:MaxUploadBytes must be at least MaxBodyBytes and at most 1 GiB (it is {options.MaxUploadBytes}).");
        }

        if (options.MaxUrlLength is < 1024 or > 32 * 1024)
        {
            failures.Add($"{section}:MaxUrlLength must be between 1024 and 32768 (it is {options.MaxUrlLength}).");
        }

        if (options.MaxRouteValueLength < 200 || options.MaxRouteValueLength > options.MaxUrlLength)
        {
            failures.Add($"{section}:MaxRouteValueLength must be at least 200 (the longest id the broker accepts) and at most MaxUrlLength (it is {options.MaxRouteValueLength}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
