using Broker.Contracts.Resources;
using Broker.Provisioners.Contract;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Metering;
using static Broker.Silo.Tests.Resources.ResourceStates;

namespace Broker.Silo.Tests.Resources;

public sealed class ObservationMeaningTests
{
    private static readonly Dictionary<string, string> Outputs = new() { ["ip"] = "10.0.0.7" };

    [Fact]
    public void Ready_ends_provisioning_and_updates_with_the_backends_outputs()
    {
        var ready = Assert.IsType<ResourceBecameReady>(ObservationMeaning.Of(Provisioning(), Seen(ObservedPhase.Ready), T0));
        Assert.Equal(Outputs, ready.Outputs);

        var resizing = Ready().Then(new UpdateStarted(T0, Journal.Vm(4, 8, 40), Running: true));
        Assert.IsType<ResourceBecameReady>(ObservationMeaning.Of(resizing, Seen(ObservedPhase.Ready), T0));
    }

    [Fact]
    public void Ready_means_nothing_while_a_stop_is_under_way_or_the_resource_is_already_ready()
    {
        var stopping = Ready().Then(new UpdateStarted(T0, Journal.Vm(2, 4, 40), Running: false));

        Assert.Null(ObservationMeaning.Of(stopping, Seen(ObservedPhase.Ready), T0));
        Assert.Null(ObservationMeaning.Of(Ready(), Seen(ObservedPhase.Ready), T0));
    }

    [Fact]
    public void Stopped_ends_a_stop_and_nothing_else()
    {
        var stopping = Ready().Then(new UpdateStarted(T0, Journal.Vm(2, 4, 40), Running: false));

        Assert.IsType<ResourceBecameStopped>(ObservationMeaning.Of(stopping, Seen(ObservedPhase.Stopped), T0));
        Assert.Null(ObservationMeaning.Of(Provisioning(), Seen(ObservedPhase.Stopped), T0));
    }

    [Fact]
    public void A_reported_failure_fails_work_under_way_with_the_backends_message_but_never_a_ready_resource()
    {
        var failed = Assert.IsType<ResourceFailed>(ObservationMeaning.Of(Provisioning(), Seen(ObservedPhase.Failed, "no host fits"), T0));
        Assert.Equal("no host fits", failed.Reason);
        Assert.Equal(ObservationMeaning.BackendFailure, Assert.IsType<ResourceFailed>(ObservationMeaning.Of(Provisioning(), Seen(ObservedPhase.Failed), T0)).Reason);
        Assert.Null(ObservationMeaning.Of(Ready(), Seen(ObservedPhase.Failed), T0));
    }

    [Fact]
    public void Still_building_means_nothing()
    {
        Assert.Null(ObservationMeaning.Of(Provisioning(), Seen(ObservedPhase.Pending), T0));
    }

    [Fact]
    public void A_deletion_is_done_only_once_the_backend_has_nothing_left()
    {
        Assert.IsType<ResourceDeleted>(ObservationMeaning.OfDeletion(ObservedResource.Absent("dept-a-vm"), T0));
        Assert.Null(ObservationMeaning.OfDeletion(Seen(ObservedPhase.Deleting), T0));
    }

    [Fact]
    public void A_permanent_provisioner_error_fails_only_work_under_way()
    {
        Assert.Equal("bad spec", Assert.IsType<ResourceFailed>(ObservationMeaning.OfPermanentError(Provisioning(), "bad spec", T0)).Reason);
        Assert.Null(ObservationMeaning.OfPermanentError(Ready(), "bad spec", T0));
    }

    private static ObservedResource Seen(ObservedPhase phase, string? message = null) => new("dept-a-vm", phase, message, Outputs);
}
