using System.Security.Cryptography;
using System.Text;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// Computes the SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, PostgreSQL's
/// <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c>), as psql's <c>\password</c> and libpq do. Sending the
/// verifier instead of the password keeps the plain text out of the statement, so it cannot surface in the server's
/// log (<c>log_statement = ddl</c>), <c>pg_stat_activity</c> or an error report; the server stores the verifier as is.
/// </summary>
internal static class ScramVerifier
{
    /// <summary>PostgreSQL's default (<c>scram_iterations</c>).</summary>
    private const int Iterations = 4096;

    private const int SaltBytes = 16;

    /// <param name="password">ASCII only (our generated passwords): SASLprep leaves such text unchanged, so it is not applied.</param>
    public static string For(string password)
    {
        if (!Ascii.IsValid(password))
        {
            throw new ArgumentException("Only ASCII passwords are supported.", nameof(password));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        CryptographicOperations.ZeroMemory(salted);
        CryptographicOperations.ZeroMemory(clientKey);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
