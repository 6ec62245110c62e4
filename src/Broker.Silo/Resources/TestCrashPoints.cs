namespace Broker.Silo.Resources;

/// <summary>Reads <see cref="TestCrashPoint"/> from the environment; an unknown name fails the start rather than arming nothing.</summary>
public static class TestCrashPoints
{
    public const string EnvironmentVariable = "BROKER_TEST_CRASH_POINT";

    public static TestCrashPoint FromEnvironment() => Environment.GetEnvironmentVariable(EnvironmentVariable) switch
    {
        null or "" => TestCrashPoint.None,
        "kubernetes-after-apply-ready" => TestCrashPoint.KubernetesAfterApplyReady,
        "kubernetes-after-delete" => TestCrashPoint.KubernetesAfterDelete,
        var other => throw new InvalidOperationException(
            $"{EnvironmentVariable}='{other}' names no crash point (kubernetes-after-apply-ready, kubernetes-after-delete)."),
    };
}
