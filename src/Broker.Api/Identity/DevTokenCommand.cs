using Microsoft.Extensions.Options;

namespace Broker.Api.Identity;

/// <summary>
/// <c>Broker.Api token ROLE [DEPARTMENT] [--sub NAME]</c>: prints a token the local broker accepts. It reads the key
/// file directly, so only someone who can read the broker's data folder can mint tokens.
/// </summary>
public static class DevTokenCommand
{
    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray());
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var positional = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var subIndex = Array.IndexOf(args, "--sub");
        if (positional.Count == 0 || !Roles.Known.Contains(positional[0], StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"usage: token <{string.Join('|', Roles.Known)}> [department-code] [--sub name]");
            return 2;
        }

        var role = positional[0];
        var department = positional.Count > 1 ? positional[1] : null;
        if (Roles.IsDepartmentRole(role) && department is null)
        {
            Console.Error.WriteLine($"the role {role} needs a department code");
            return 2;
        }

        if (auth.SigningKeyFile is null)
        {
            Console.Error.WriteLine($"{AuthOptions.SectionName}:SigningKeyFile is not set; tokens come from the identity provider.");
            return 2;
        }

        var subject = subIndex >= 0 && subIndex + 1 < args.Length ? args[subIndex + 1] : $"demo-{role}{(department is null ? "" : "@" + department)}";
        var issuer = new TokenIssuer(auth, SigningKey.LoadOrCreate(auth.SigningKeyFile), TimeProvider.System);
        Console.WriteLine(issuer.Issue(subject, role, department));
        return 0;
    }
}
