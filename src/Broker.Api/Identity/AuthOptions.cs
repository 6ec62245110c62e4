namespace Broker.Api.Identity;

/// <summary>
/// Bearer token validation. Either <see cref="Authority"/> (an OIDC provider whose discovery document supplies the
/// signing keys) or <see cref="SigningKeyFile"/> (a local HMAC key, used by <c>./run.sh</c> and tests).
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Broker:Auth";

    public string Issuer { get; set; } = "broker-local";

    public string Audience { get; set; } = "broker";

    public string? Authority { get; set; }

    /// <summary>Path of a file holding a base64 key of at least 32 bytes; created on first use when missing.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Claim carrying the user's department code.</summary>
    public string DepartmentClaim { get; set; } = "department";

    public string RoleClaim { get; set; } = "role";

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The only algorithm a token signed with the local key (<see cref="SigningKeyFile"/>) may use.</summary>
    public static readonly string[] LocalAlgorithms = ["HS256"];

    /// <summary>What <see cref="Algorithms"/> may name: an authority's tokens are signed with a private key, never a shared one.</summary>
    public static readonly string[] AsymmetricAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>Signature algorithms accepted from the <see cref="Authority"/>'s keys; asymmetric ones only.</summary>
    public List<string> Algorithms { get; set; } = ["RS256", "ES256"];

    /// <summary>The JOSE <c>typ</c> headers accepted: a plain JWT or an RFC 9068 access token.</summary>
    public List<string> TokenTypes { get; set; } = ["JWT", "at+jwt"];

    /// <summary>
    /// Serve <c>/metrics</c> without a token. Off by default: the series carry every department's quota, allocations and
    /// budget figures, which one department must not read about another. Turn on only where the network alone keeps
    /// the endpoint private (a scraper on a sidecar, say).
    /// </summary>
    public bool AnonymousMetrics { get; set; }
}
