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

        if (options.Algorithms.Count == 0 || options.Algorithms.Any(a => !AuthOptions.AsymmetricAlgorithms.Contains(a, StringComparer.Ordinal)))
        {
            failures.Add($"{AuthOptions.SectionName}:Algorithms must name at least one of {string.Join(", ", AuthOptions.AsymmetricAlgorithms)} and nothing else.");
        }

        if (options.TokenTypes.Count == 0 || options.TokenTypes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{AuthOptions.SectionName}:TokenTypes must name at least one token type (JWT, at+jwt).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
