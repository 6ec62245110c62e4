using Broker.Bench.Hosting;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The broker as production wires it (silo, real clock, durable PostgreSQL, the Kubernetes backend configured by a
/// kubeconfig file), called through <see cref="IGrainFactory"/> exactly as <c>POST /api/departments/{code}/orders</c>
/// calls it. The HTTP layer (token check, JSON) is left out: it costs the same per request whatever the placer, and it
/// is the provisioning path (admission, durable journals, the resource grains and their Kubernetes calls) that this
/// benchmark weighs against a minimal durable controller (<see cref="MinimalController"/>).
/// </summary>
public sealed class ProvisioningBroker(VmOrderBroker broker) : IOrderPath, IAsyncDisposable
{
    private readonly VmOrderBroker _broker = broker;

    public static async Task<ProvisioningBroker> StartAsync(string connectionString, string kubeconfigPath) =>
        new(await VmOrderBroker.StartAsync("provisioning", connectionString, kubeconfigPath));

    /// <summary>The VM plan, and per department a quota and an approved system whose envelope holds every order.</summary>
    public Task SetUpAsync(ProvisioningSettings settings) =>
        _broker.SetUpAsync([.. Enumerable.Range(0, settings.Departments).Select(settings.Department)], settings.OrdersPerDepartment, parallelism: 1);

    /// <summary>
    /// Places one order for one VM; returns when the broker answers (the order is approved). Whether its resources are
    /// built before that answer or after it, readiness is read from the resources (<see cref="ReadyAsync"/>), never
    /// taken from the answer.
    /// </summary>
    public Task PlaceAsync(string department, string orderId) => _broker.PlaceAsync(department, orderId, 1);

    /// <summary>
    /// How many resources of orders whose id starts with <paramref name="orderPrefix"/> are ready, and when the last of
    /// them became ready (its journal write, the moment the broker could tell the department).
    /// </summary>
    public async Task<ReadyTally> ReadyAsync(string orderPrefix)
    {
        await using var command = _broker.DataSource.CreateCommand(
            "select count(*), max(updated_at) from broker.resources where state = 'ready' and starts_with(order_id, @prefix)");
        command.Parameters.AddWithValue("prefix", orderPrefix);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ReadyTally((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public ValueTask DisposeAsync() => _broker.DisposeAsync();
}
