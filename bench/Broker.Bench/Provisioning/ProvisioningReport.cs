using System.Globalization;
using System.Text.Json.Nodes;
using Broker.Bench.Quota;
using Broker.KubeStandIn.Requests;

namespace Broker.Bench.Provisioning;

/// <summary>Prints both runs, where the broker's Kubernetes calls went, the correctness checks, and last the one-line JSON.</summary>
public sealed class ProvisioningReport(
    ProvisioningSettings settings, IReadOnlyList<RawRound> rawRounds, OrderRun broker, CpuTimes brokerCpu, TimeSpan brokerGate,
    IReadOnlyList<LoggedRequest> brokerRequests, VmCensus census, int warmup)
{
    private readonly List<string> _problems = [];

    public int Problems => _problems.Count;

    // The median round is the baseline: one burst's rate is noisy, and the median is not moved by one lucky or unlucky
    // round. The fastest round is reported next to it (the ratio against it is the strictest reading).
    private RawRound Median => rawRounds.OrderBy(r => r.PerSecond).ElementAt(rawRounds.Count / 2);

    private double RawPerSecond => Median.PerSecond;

    private double FastestRawPerSecond => rawRounds.Max(r => r.PerSecond);

    public void Print()
    {
        var expectedVms = settings.Orders + warmup;
        foreach (var (round, i) in rawRounds.Select((r, i) => (r, i + 1)))
        {
            Check(round.Landed == settings.Orders, $"raw round {i}: {round.Landed} of {settings.Orders} creates landed");
        }

        Check(broker.Ready == settings.Orders, $"broker: {broker.Ready} of {settings.Orders} orders ready within the deadline");
        Check(census.Objects == expectedVms, $"broker: {census.Objects} VirtualMachines for {expectedVms} resources");
        Check(census.DistinctResources == census.Objects, $"broker: {census.Objects - census.DistinctResources} duplicate VirtualMachines");
        Check(census.Ready == census.Objects, $"broker: {census.Objects - census.Ready} VirtualMachines not ready");

        Console.WriteLine(FormattableString.Invariant(
            $"provisioning: {settings.Orders} one-VM orders, {settings.Concurrency} in flight, {settings.Departments} departments, stand-in controller delay 0, {Environment.ProcessorCount} cores"));
        foreach (var (round, i) in rawRounds.Select((r, i) => (r, i + 1)))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"raw creates #{i}  {round.PerSecond,9:0.0}/s   {round.Seconds,7:0.00} s   cpu {Ms(round.Cpu.HarnessSeconds, round.Landed)} ms/create (harness){(ReferenceEquals(round, Median) ? "   <- median, the baseline" : "")}"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"broker to ready {broker.OrdersPerSecond,9:0.0}/s   {broker.Seconds,7:0.00} s   cpu {Ms(brokerCpu.HarnessSeconds, broker.Ready)} ms harness + {Ms(brokerCpu.PostgresSeconds, broker.Ready)} ms postgres per order; placing took {broker.PlacedSeconds:0.00} s, p50 {broker.PlaceP50Ms:0.0} ms, p99 {broker.PlaceP99Ms:0.0} ms"));
        var perOrder = brokerRequests.GroupBy(r => $"{r.Verb} {r.Request.Resource}")
            .OrderByDescending(g => g.Count())
            .Select(g => FormattableString.Invariant($"{g.Key} {(double)g.Count() / settings.Orders:0.00}"));
        Console.WriteLine($"kubernetes requests per order: {string.Join(", ", perOrder)}");
        Console.WriteLine(FormattableString.Invariant(
            $"stand-in gate held {GateMsPerRawCreate:0.00} ms per raw create (busy {GateBusyRaw:P0} of the median round), {GateMsPerOrder:0.00} ms per order (busy {GateBusyBroker:P0} of the broker phase)"));
        Console.WriteLine(FormattableString.Invariant($"ratio broker / raw = {Ratio:0.00} (target >= 0.5: {(Ratio >= 0.5 ? "met" : "MISSED")})"));
        foreach (var problem in _problems)
        {
            Console.WriteLine($"!! {problem}");
        }

        var summary = new JsonObject
        {
            ["benchmark"] = "provisioning",
            ["quick"] = settings.Quick,
            ["count"] = settings.Orders,
            ["concurrency"] = settings.Concurrency,
            ["departments"] = settings.Departments,
            // The two phases are bound by different things (raw creates by the stand-in's gate, the broker by CPU),
            // so the ratio depends on the core count: it is part of the result.
            ["cores"] = Environment.ProcessorCount,
            ["orders_per_s"] = Math.Round(broker.OrdersPerSecond, 1),
            ["raw_creates_per_s"] = Math.Round(RawPerSecond, 1),
            ["raw_creates_per_s_rounds"] = new JsonArray([.. rawRounds.Select(r => (JsonNode)Math.Round(r.PerSecond, 1))]),
            ["ratio_vs_raw_create"] = Math.Round(Ratio, 3),
            ["ratio_vs_fastest_raw_round"] = Math.Round(FastestRawPerSecond > 0 ? broker.OrdersPerSecond / FastestRawPerSecond : 0, 3),
            // CPU per unit of work moves far less between runs than the rates do (the rates swing with the machine
            // and with lock convoys in the stand-in), so a change is best judged on these next to the ratio.
            ["cpu_ms_per_order"] = Math.Round(PerUnitMs(brokerCpu.HarnessSeconds + brokerCpu.PostgresSeconds, broker.Ready), 2),
            ["cpu_ms_per_order_postgres"] = Math.Round(PerUnitMs(brokerCpu.PostgresSeconds, broker.Ready), 2),
            ["raw_cpu_ms_per_create"] = Math.Round(PerUnitMs(Median.Cpu.HarnessSeconds, Median.Landed), 2),
            ["place_p50_ms"] = Math.Round(broker.PlaceP50Ms, 1),
            ["place_p99_ms"] = Math.Round(broker.PlaceP99Ms, 1),
            ["kube_requests_per_order"] = Math.Round((double)brokerRequests.Count / settings.Orders, 2),
            // The stand-in does all its work on objects (requests and the fake controllers) under one gate. A phase
            // whose gate is busy nearly all the time is bound by the stand-in, not by the cores: the raw rounds are.
            // Wall-clock time: on busy cores a thread holding the gate also waits for a core, so these grow with load.
            ["standin_gate_ms_per_raw_create"] = Math.Round(GateMsPerRawCreate, 2),
            ["standin_gate_ms_per_order"] = Math.Round(GateMsPerOrder, 2),
            ["standin_gate_busy_raw"] = Math.Round(GateBusyRaw, 2),
            ["standin_gate_busy_broker"] = Math.Round(GateBusyBroker, 2),
            ["problems"] = Problems,
            ["target_met"] = Ratio >= 0.5,
        };
        Console.WriteLine(summary.ToJsonString());
    }

    private double Ratio => RawPerSecond > 0 ? broker.OrdersPerSecond / RawPerSecond : 0;

    private double GateMsPerRawCreate => PerUnitMs(Median.GateHeld.TotalSeconds, Median.Landed);

    private double GateMsPerOrder => PerUnitMs(brokerGate.TotalSeconds, broker.Ready);

    private double GateBusyRaw => Median.GateHeld.TotalSeconds / Math.Max(1e-9, Median.Seconds);

    private double GateBusyBroker => brokerGate.TotalSeconds / Math.Max(1e-9, broker.Seconds);

    private static double PerUnitMs(double seconds, int count) => 1000 * seconds / Math.Max(1, count);

    private static string Ms(double seconds, int count) => PerUnitMs(seconds, count).ToString("0.00", CultureInfo.InvariantCulture);

    private void Check(bool ok, string problem)
    {
        if (!ok)
        {
            _problems.Add(problem);
        }
    }
}
