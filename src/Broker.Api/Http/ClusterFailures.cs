using Orleans.Runtime.Messaging;

namespace Broker.Api.Http;

/// <summary>
/// Failures of a grain call that say the cluster could not take it now (no gateway answered, the silo holding the grain
/// died, the answer timed out, PostgreSQL did not answer), not that the request was wrong: the caller gets a 503 with Retry-After and may send the
/// same request again. The broker itself does not retry: a call that timed out may still have run, and only the
/// caller's Idempotency-Key makes a second try safe.
/// </summary>
public static class ClusterFailures
{
    /// <summary>Long enough for a client to find another gateway; a dead silo's grains move within Orleans' failure detection.</summary>
    public const int RetryAfterSeconds = 2;

    public static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException => true,
        TimeoutException => true,
        // PostgreSQL not answering (a timeout, a broken or refused connection, the pool exhausted meanwhile), in this
        // process or in a grain whose answer carried it here: the same 503, logged as a warning rather than a fault.
        Npgsql.NpgsqlException { IsTransient: true } => true,
        AggregateException { InnerExceptions: [var only] } => IsTransient(only),
        _ => false,
    };
}
