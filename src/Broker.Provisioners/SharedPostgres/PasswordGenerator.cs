using System.Security.Cryptography;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>Database passwords: 32 characters from the URL-safe Base64 alphabet (192 bits) drawn from the OS CSPRNG.</summary>
internal static class PasswordGenerator
{
    public const int Length = 32;

    // URL-safe and free of quotes, backslashes, '@', ':' and ';', so it can go into a URL or a connection string as is.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
