using System.Diagnostics;

namespace Broker.Silo.Resources;

/// <summary>Reads <see cref="TestCrashPoint"/> from the environment; an unknown name fails the start rather than arming nothing.</summary>
public static class TestCrashPoints
{
    public const string EnvironmentVariable = "BROKER_TEST_CRASH_POINT";

    private static readonly Lazy<TestCrashPoint> Armed = new(FromEnvironment);

    public static TestCrashPoint FromEnvironment() => Environment.GetEnvironmentVariable(EnvironmentVariable) switch
    {
        null or "" => TestCrashPoint.None,
        "kubernetes-after-apply-ready" => TestCrashPoint.KubernetesAfterApplyReady,
        "kubernetes-after-delete" => TestCrashPoint.KubernetesAfterDelete,
        "order-after-placed" => TestCrashPoint.OrderAfterPlaced,
        var other => throw new InvalidOperationException(
            $"{EnvironmentVariable}='{other}' names no crash point (kubernetes-after-apply-ready, kubernetes-after-delete, order-after-placed)."),
    };

    /// <summary>Dies here if <paramref name="point"/> is the armed one; unarmed (everywhere but crash tests), a field read.</summary>
    public static void CrashIfArmed(TestCrashPoint point, string where)
    {
        if (point != TestCrashPoint.None && Armed.Value == point)
        {
            Crash(where);
        }
    }

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
