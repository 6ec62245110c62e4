using Broker.Bench.Chargeback;
using Broker.Bench.Fairness;
using Broker.Bench.Imports;
using Broker.Bench.Provisioning;
using Broker.Bench.Quota;
using Broker.Bench.Reconcile;

// Benchmarks by name, as bench/run.sh passes them.
var benchmarks = new Dictionary<string, Func<bool, Task<int>>>(StringComparer.Ordinal)
{
    ["quota"] = QuotaBenchmark.RunAsync,
    ["chargeback"] = ChargebackBenchmark.RunAsync,
    ["provisioning"] = ProvisioningBenchmark.RunAsync,
    ["fairness"] = FairnessBenchmark.RunAsync,
    ["imports"] = ImportsBenchmark.RunAsync,
    ["reconcile"] = ReconcileBenchmark.RunAsync,
};
var known = string.Join(", ", benchmarks.Keys);

// The provisioning benchmark starts this program again as the Kubernetes stand-in's own process (its CPU kept apart).
if (args is [StandInProcess.ChildArgument])
{
    return await StandInChild.RunAsync();
}

var quick = args.Length == 2 && args[1] == "--quick";
if (args.Length is < 1 or > 2 || (args.Length == 2 && !quick))
{
    Console.Error.WriteLine($"usage: Broker.Bench NAME [--quick]   (NAME: {known})");
    return 2;
}

if (!benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"Broker.Bench: unknown benchmark '{args[0]}' (known: {known})");
    return 2;
}

return await run(quick);
