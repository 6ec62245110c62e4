using System.Diagnostics;

namespace Broker.CrashHost;

/// <summary>Reads the armed <see cref="CrashPoint"/> from the environment and dies there.</summary>
public static class CrashPoints
{
    public const string EnvironmentVariable = "BROKER_TEST_CRASH_POINT";

    /// <summary>The armed point; an unknown name fails the start rather than arming nothing.</summary>
    public static CrashPoint FromEnvironment() => Environment.GetEnvironmentVariable(EnvironmentVariable) switch
    {
        null or "" => CrashPoint.None,
        "kubernetes-after-apply-ready" => CrashPoint.KubernetesAfterApplyReady,
        "kubernetes-after-delete" => CrashPoint.KubernetesAfterDelete,
        "order-after-placed" => CrashPoint.OrderAfterPlaced,
        var other => throw new InvalidOperationException(
            $"{EnvironmentVariable}='{other}' names no crash point (kubernetes-after-apply-ready, kubernetes-after-delete, order-after-placed)."),
    };

    /// <summary>
    /// SIGKILL to itself, as <c>kill -9</c> from outside would: nothing runs after it, and unlike
    /// <see cref="Environment.FailFast(string)"/> (SIGABRT) it leaves no core dump behind on hosts that allow them.
    /// </summary>
    public static void Crash(string where)
    {
        Console.Error.WriteLine($"{EnvironmentVariable}: crashing {where}");
        Process.GetCurrentProcess().Kill();
    }
}
