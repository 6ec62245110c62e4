using Broker.KubeStandIn.Api;

namespace Broker.KubeStandIn.Patching;

/// <summary>RFC 6901 pointers as JSON patch uses them: <c>/spec/template/0</c>, with <c>~1</c> for '/' and <c>~0</c> for '~'.</summary>
internal static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw Statuses.BadRequest($"json patch path \"{pointer}\" must start with '/'");
        }

        return [.. pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }
}
