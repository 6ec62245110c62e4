namespace Broker.Api.Http.RateLimiting;

/// <summary>Marks a read that computes a lot (statements, exports, the capacity report): it is rate limited like a write.</summary>
public sealed class ExpensiveReadMetadata;

public static class ExpensiveReadExtensions
{
    public static TBuilder AsExpensiveRead<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ExpensiveReadMetadata());
}
