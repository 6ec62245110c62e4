using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Tests.Tenancy;

public sealed class DepartmentDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DepartmentProfile Profile = new("财政局", "Finance Bureau", null, "B-1", [], DepartmentStatus.Active);

    private static QuotaVector V(long vcpu) => new(new Dictionary<string, long> { ["vcpu"] = vcpu });

    private static DepartmentData Created(QuotaVector limits)
    {
        var state = new DepartmentData();
        state.Apply(1, new DepartmentCreated(T0, Profile, limits));
        return state;
    }

    [Fact]
    public void Creating_again_with_the_same_content_replays_and_with_other_content_conflicts()
    {
        Assert.Equal(new DepartmentCreated(T0, Profile, V(8)), DepartmentDecisions.Create(new DepartmentData(), Profile, V(8), T0).Change);
        Assert.Equal(DepartmentStep.Replayed, DepartmentDecisions.Create(Created(V(8)), Profile, V(8), T0));
        var other = DepartmentDecisions.Create(Created(V(8)), Profile, V(9), T0);
        Assert.Equal("department.exists", other.Error!.Code);
        Assert.True(other.Replay);
    }

    [Fact]
    public void An_unchanged_profile_or_limit_records_nothing()
    {
        Assert.Equal(DepartmentStep.Unchanged, DepartmentDecisions.UpdateProfile(Created(V(8)), Profile, T0));
        Assert.Equal(DepartmentStep.Unchanged, DepartmentDecisions.SetLimits(Created(V(8)), V(8), T0));
        Assert.Equal(new LimitsSet(T0, V(2)), DepartmentDecisions.SetLimits(Created(V(8)), V(2), T0).Change);
    }

    [Fact]
    public void A_department_that_holds_anything_cannot_be_deleted()
    {
        var holding = Created(V(8));
        holding.Apply(2, new ReservationHeld(T0, "a", V(1), TimeSpan.FromMinutes(5), T0.AddMinutes(5)));

        Assert.Equal(("department.in-use", "1"), (DepartmentDecisions.Delete(holding, T0).Error!.Code, DepartmentDecisions.Delete(holding, T0).Error!.Detail));
        Assert.Equal(new DepartmentDeleted(T0), DepartmentDecisions.Delete(Created(V(8)), T0).Change);
        Assert.Equal("department.not-found", DepartmentDecisions.Delete(new DepartmentData(), T0).Error!.Code);
    }
}
