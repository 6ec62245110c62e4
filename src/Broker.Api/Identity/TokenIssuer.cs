using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Broker.Api.Identity;

/// <summary>
/// Mints tokens with the local key, for development and tests only. Deliberately not reachable over HTTP:
/// only <c>./run.sh token</c> (a process that can read the key file) calls it.
/// </summary>
public sealed class TokenIssuer(AuthOptions options, SecurityKey key, TimeProvider time)
{
    public string Issue(string subject, string role, string? department, string? displayName = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["name"] = displayName ?? subject,
            [options.RoleClaim] = role,
        };
        if (department is not null)
        {
            claims[options.DepartmentClaim] = department;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
