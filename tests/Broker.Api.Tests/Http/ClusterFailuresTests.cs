using Broker.Api.Http;
using Orleans.Runtime.Messaging;

namespace Broker.Api.Tests.Http;

/// <summary>Which failures of a grain call tell the caller to try again shortly (503 with Retry-After).</summary>
public sealed class ClusterFailuresTests
{
    public static TheoryData<Exception> Transient => new()
    {
        new SiloUnavailableException("the silo died"),
        new GatewayTooBusyException(),
        new ConnectionFailedException("refused"),
        new TimeoutException("response did not arrive in time"),
        new AggregateException(new SiloUnavailableException()),
        new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")),
    };

    public static TheoryData<Exception> NotTransient => new()
    {
        new InvalidOperationException("a bug"),
        new OrleansException("something else in the runtime"),
        new AggregateException(new TimeoutException(), new InvalidOperationException()),
        new Npgsql.NpgsqlException("not a passing condition"),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_cluster_that_could_not_take_the_call_is_transient(Exception failure)
    {
        Assert.True(ClusterFailures.IsTransient(failure));
    }

    [Theory]
    [MemberData(nameof(NotTransient))]
    public void Other_failures_are_not(Exception failure)
    {
        Assert.False(ClusterFailures.IsTransient(failure));
    }
}
