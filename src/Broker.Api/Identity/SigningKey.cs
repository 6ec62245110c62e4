using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Broker.Api.Identity;

/// <summary>The local HMAC signing key. It lives only in a file readable by its owner, never in configuration or logs.</summary>
public static class SigningKey
{
    public static SymmetricSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var bytes = RandomNumberGenerator.GetBytes(48);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(bytes));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        if (key.Length < 32)
        {
            throw new InvalidOperationException($"The signing key in {path} is shorter than 32 bytes.");
        }

        return new SymmetricSecurityKey(key) { KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..16] };
    }
}
