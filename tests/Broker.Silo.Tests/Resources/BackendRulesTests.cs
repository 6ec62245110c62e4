using Broker.Contracts.Common;
using Broker.Contracts.Resources;
using Broker.Silo.Resources;
using static Broker.Silo.Tests.Resources.ResourceStates;

namespace Broker.Silo.Tests.Resources;

public sealed class BackendRulesTests
{
    [Fact]
    public void A_resource_on_a_configured_backend_never_fails_for_it()
    {
        Assert.False(BackendRules.MustFail(Ready(), backendConfigured: true));
    }

    [Fact]
    public void A_resource_built_or_being_built_on_a_backend_no_longer_configured_must_fail()
    {
        Assert.True(BackendRules.MustFail(Provisioning(), backendConfigured: false));
        Assert.True(BackendRules.MustFail(Ready(), backendConfigured: false));
        Assert.True(BackendRules.MustFail(Ready().Then(new DeletionStarted(T0, "requested")), backendConfigured: false));
    }

    [Fact]
    public void Nothing_more_is_recorded_for_a_resource_that_is_pending_already_failed_deleted_or_unknown()
    {
        Assert.False(BackendRules.MustFail(Created(), backendConfigured: false));
        Assert.False(BackendRules.MustFail(Provisioning().Then(new ResourceFailed(T0, "boom")), backendConfigured: false));
        Assert.False(BackendRules.MustFail(Created().Then(new ResourceDeleted(T0, "order.rejected")), backendConfigured: false));
        Assert.False(BackendRules.MustFail(new ResourceData(), backendConfigured: false));
    }

    [Fact]
    public void The_failure_and_the_refusal_name_the_backend()
    {
        var failed = Provisioning().Then(BackendRules.Failure("kubernetes", T0));

        Assert.Equal(ResourceState.Failed, failed.State);
        Assert.StartsWith("backend.not-configured:", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("'kubernetes'", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(new BrokerError(BrokerErrorKind.Conflict, "resource.backend-not-configured", "backend", "kubernetes"), BackendRules.Refusal("kubernetes"));
    }
}
