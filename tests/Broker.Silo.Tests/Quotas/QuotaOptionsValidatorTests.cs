using Broker.Silo.Quotas;

namespace Broker.Silo.Tests.Quotas;

public sealed class QuotaOptionsValidatorTests
{
    private static QuotaOptions Valid() => new()
    {
        Dimensions = QuotaOptions.RequiredDimensions.Select(d => new QuotaDimension { Name = d, Unit = "1", NameZh = d, NameEn = d }).ToList(),
    };

    [Fact]
    public void The_defaults_with_the_required_dimensions_are_valid() =>
        Assert.True(new QuotaOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_drift_grace_that_is_not_positive_is_refused_at_start(int seconds)
    {
        var options = Valid();
        options.DriftGrace = TimeSpan.FromSeconds(seconds);

        var result = new QuotaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("DriftGrace", StringComparison.Ordinal));
    }
}
