namespace Broker.Drills.Tests.Harness;

/// <summary>
/// A failure drill: runs against the local Docker engine, in the <c>Drills</c> lane. Never skipped by itself: without
/// Docker it fails and says why (<see cref="DrillEnvironment.EnsureDockerAsync"/>). Only an explicit
/// <c>BROKER_DRILLS=skip</c> skips it, and the reason is shown in the test report.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DrillFactAttribute : FactAttribute
{
    public DrillFactAttribute()
    {
        if (DrillEnvironment.SkipRequested)
        {
            Skip = $"{DrillEnvironment.SkipVariable}=skip was set: the failure drills did not run";
        }
    }
}
