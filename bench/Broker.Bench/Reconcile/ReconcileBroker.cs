using Broker.Bench.Hosting;

namespace Broker.Bench.Reconcile;

/// <summary>
/// The broker as production wires it (silo, real clock, durable PostgreSQL, the Kubernetes backend configured by a
/// kubeconfig file, the resource watch on), filled with ready VMs through its own order path.
/// </summary>
public sealed class ReconcileBroker(VmOrderBroker broker) : IAsyncDisposable
{
    private readonly VmOrderBroker _broker = broker;

    public static async Task<ReconcileBroker> StartAsync(string connectionString, string kubeconfigPath) =>
        new(await VmOrderBroker.StartAsync("reconcile", connectionString, kubeconfigPath, settings =>
            // Orders of 50 VMs go through without a person, as the benchmark's bulk creation needs.
            settings["Broker:Approval:AutoApprove:MaxTotalVcpu"] = (ReconcileSettings.PerOrder * BenchVm.Vcpu).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The VM plan, and per department a quota and an approved system that hold its share of the VMs.</summary>
    public Task SetUpAsync(ReconcileSettings settings) =>
        _broker.SetUpAsync([.. Enumerable.Range(0, settings.Departments).Select(settings.Department)], settings.PerDepartment, parallelism: 8);

    /// <summary>Places one order for <paramref name="quantity"/> VMs; returns when the broker answers.</summary>
    public Task PlaceAsync(string department, string orderId, int quantity) => _broker.PlaceAsync(department, orderId, quantity);

    /// <summary>How many resources are ready.</summary>
    public async Task<int> ReadyAsync()
    {
        await using var command = _broker.DataSource.CreateCommand("select count(*) from broker.resources where state = 'ready'");
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every resource the broker holds live: id to department.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LiveAsync()
    {
        await using var command = _broker.DataSource.CreateCommand("select id, department from broker.resources where state in ('ready', 'stopped')");
        var live = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            live[reader.GetString(0)] = reader.GetString(1);
        }

        return live;
    }

    public ValueTask DisposeAsync() => _broker.DisposeAsync();
}
