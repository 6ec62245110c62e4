using System.Collections.Concurrent;
using Broker.Bench.Hosting;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Diagnostics;
using Broker.Silo.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broker.Bench.Quota;

/// <summary>
/// The broker itself: an in-process silo wired exactly as production wires it (real clock, real PostgreSQL), called
/// through <see cref="IGrainFactory"/> like the API does.
/// </summary>
public sealed class BrokerDesign : IQuotaDesign
{
    private static readonly Actor Client = new("bench:quota", "Quota benchmark", "bench-quota");
    private static readonly DepartmentProfile Profile = new("基准部门", "Benchmark department", null, null, [], DepartmentStatus.Active);

    private readonly IHost _host;
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<Demand, QuotaVector> _vectors = new();

    private BrokerDesign(IHost host)
    {
        _host = host;
        _grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public string Name => "broker";

    public static async Task<BrokerDesign> StartAsync(string connectionString)
    {
        var host = await BenchBroker.StartAsync(connectionString);
        return new BrokerDesign(host);
    }

    public async Task CreateDepartmentsAsync(IReadOnlyList<string> departments, Demand limits)
    {
        var vector = limits.ToVector();
        await Parallel.ForEachAsync(departments, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (code, _) =>
        {
            var created = await Department(code).CreateAsync(Profile, vector, Client);
            if (created.Error is not null)
            {
                throw new InvalidOperationException($"Creating {code} failed: {created.Error}");
            }
        });

        // Creating activated them; this touches each again so the timer starts with every grain loaded.
        await Parallel.ForEachAsync(departments, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (code, _) =>
            await Department(code).GetQuotaAsync());
    }

    public async Task<bool> ReserveAsync(string department, string id, Demand demand)
    {
        var vector = _vectors.GetOrAdd(demand, static d => d.ToVector());
        var result = await Department(department).ReserveAsync(new ReservationRequest(id, vector, QuotaSettings.ReservationTtl), ReservationOwner.Department, Client);
        return result.Error switch
        {
            null => true,
            { Kind: BrokerErrorKind.Denied } => false,
            var error => throw new InvalidOperationException($"Reserve {id} in {department}: {error}"),
        };
    }

    public async Task ReleaseAsync(string department, string id)
    {
        var result = await Department(department).ReleaseAsync(id, ReservationOwner.Department, Client);
        if (result.Error is not null)
        {
            throw new InvalidOperationException($"Release {id} in {department}: {result.Error}");
        }
    }

    public async Task<QuotaAudit> AuditAsync(IReadOnlyList<string> departments, Demand limits, bool quiesced)
    {
        var audits = new ConcurrentBag<QuotaAudit>();
        await Parallel.ForEachAsync(departments, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (code, _) =>
        {
            var quota = await Department(code).GetQuotaAsync()
                ?? throw new InvalidOperationException($"Department {code} is missing.");
            var inUse = Demand.From(quota.Used.Add(quota.Reserved));
            var over = limits.IsExceededBy(inUse);
            var drift = quiesced && !(quota.Used.IsEmpty && quota.Reserved.IsEmpty);
            audits.Add(new QuotaAudit(1, over ? 1 : 0, drift ? 1 : 0, over || drift ? $"{code}: used {quota.Used}, reserved {quota.Reserved}" : null));
        });

        var audit = audits.Aggregate(new QuotaAudit(0, 0, 0, null), (sum, a) => sum.Plus(a));
        return quiesced ? audit.Plus(await JournalReplay.CheckAsync(_host.Services.GetRequiredService<DepartmentJournal>(), departments)) : audit;
    }

    public DesignCounters Counters() => new(
        0,
        BrokerMetrics.JournalBatchEntries.Count,
        BrokerMetrics.JournalBatchEntries.Sum,
        BrokerMetrics.JournalWriteSeconds.Sum);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private IDepartmentGrain Department(string code) => _grains.GetGrain<IDepartmentGrain>(code);
}
