using Microsoft.Extensions.Options;

namespace Broker.Api.Hosting;

public sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options) =>
        options.Port is > 0 and <= 65535
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ManagementOptions.SectionName}:Port must be a TCP port (was {options.Port}).");
}
