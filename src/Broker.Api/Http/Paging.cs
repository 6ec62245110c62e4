namespace Broker.Api.Http;

/// <summary>A page of results with the cursor for the next one (keyset paging: stable under inserts).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

public static class Paging
{
    public const int MaxLimit = 200;

    public static bool ValidLimit(int? limit) => limit is null or (>= 1 and <= MaxLimit);
}
