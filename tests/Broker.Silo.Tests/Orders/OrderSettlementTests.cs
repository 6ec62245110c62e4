using Broker.Silo.Orders;
using Broker.Silo.Resources;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Silo.Tests.Orders;

public sealed class OrderSettlementTests
{
    [Fact]
    public void Bad_values_and_postgres_data_or_integrity_errors_are_permanent_and_outages_are_not()
    {
        Assert.True(OrderSettlement.IsPermanent(new ArgumentException("Cannot write DateTimeOffset with Offset=08:00:00")));
        Assert.True(OrderSettlement.IsPermanent(new ArgumentOutOfRangeException("value")));
        Assert.True(OrderSettlement.IsPermanent(new InvalidCastException()));
        Assert.True(OrderSettlement.IsPermanent(new PostgresException("bad value", "ERROR", "ERROR", "22023")));
        Assert.True(OrderSettlement.IsPermanent(new AggregateException(new PostgresException("duplicate", "ERROR", "ERROR", "23505"))));
        Assert.False(OrderSettlement.IsPermanent(new PostgresException("deadlock", "ERROR", "ERROR", "40P01")));
        Assert.False(OrderSettlement.IsPermanent(new TimeoutException()));
        Assert.False(OrderSettlement.IsPermanent(new NpgsqlException("connection refused")));
    }

    [Fact]
    public void A_transient_failure_is_compensated_only_once_the_attempts_are_used_up()
    {
        Assert.True(OrderSettlement.CompensateNow(permanent: true, failures: 1, attempts: 6));
        Assert.False(OrderSettlement.CompensateNow(permanent: false, failures: 5, attempts: 6));
        Assert.True(OrderSettlement.CompensateNow(permanent: false, failures: 6, attempts: 6));
    }

    [Fact]
    public void Provisioning_options_without_a_sane_lease_horizon_or_settle_attempts_fail_at_start_with_every_reason()
    {
        var result = new ProvisioningOptionsValidator().Validate(null, new ProvisioningOptions { MaxLeaseAhead = TimeSpan.Zero, OrderSettleAttempts = 0 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("MaxLeaseAhead", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("OrderSettleAttempts", StringComparison.Ordinal));
        Assert.Equal(ValidateOptionsResult.Success, new ProvisioningOptionsValidator().Validate(null, new ProvisioningOptions()));
    }
}
