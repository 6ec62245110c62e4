using Microsoft.Extensions.Options;

namespace Broker.Api.Identity;

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{AuthOptions.SectionName}:Issuer and Audience are required.");
        }

        if (string.IsNullOrWhiteSpace(options.Authority) == string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            failures.Add($"{AuthOptions.SectionName}: set exactly one of Authority (OIDC) or SigningKeyFile (local key).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
