namespace Broker.Bench.Fairness;

/// <summary>
/// The fairness run's shape: a flooding department's write limit, how far beyond it the flood goes, and the quiet
/// department's steady rate (well inside its own limit).
/// </summary>
public sealed record FairnessSettings(int DepartmentWritesPerSecond, int FloodFactor, int QuietPerSecond, TimeSpan Warmup, TimeSpan Phase)
{
    public int FloodPerSecond => DepartmentWritesPerSecond * FloodFactor;

    public static FairnessSettings For(bool quick) => quick
        ? new FairnessSettings(50, 20, 20, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10))
        : new FairnessSettings(50, 20, 20, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
}
