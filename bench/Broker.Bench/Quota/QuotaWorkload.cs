namespace Broker.Bench.Quota;

/// <summary>Which departments the clients hit, and the seed base that makes every design see the same requests.</summary>
public sealed record QuotaWorkload(string Name, IReadOnlyList<string> Departments, int SeedBase)
{
    /// <summary>All clients on one department: contention is the whole point.</summary>
    public static QuotaWorkload Hot() => new("hot", ["hot"], 1_000);

    /// <summary>Clients pick one of many departments at random: little contention, many small transactions.</summary>
    public static QuotaWorkload Spread(int departments) => new(
        "spread",
        Enumerable.Range(0, departments).Select(i => $"spread-{i:d4}").ToArray(),
        2_000);

    public string Pick(Random random) => Departments.Count == 1 ? Departments[0] : Departments[random.Next(Departments.Count)];
}
