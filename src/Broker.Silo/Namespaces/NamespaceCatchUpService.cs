using Broker.Contracts.Namespaces;
using Broker.Silo.Resources;
using Broker.Silo.Tenancy;
using Microsoft.Extensions.Hosting;

namespace Broker.Silo.Namespaces;

/// <summary>
/// At start, tells every department's namespace reconciler to take note, so that departments created before the
/// cluster was configured, or whose first notification a crash swallowed, get their namespace and reminder. Cheap
/// when nothing changed: each reconcile only reads.
/// </summary>
public sealed class NamespaceCatchUpService(ProvisionerSelector provisioners, DepartmentDirectory departments, IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (provisioners.Kubernetes is null)
        {
            return;
        }

        string? after = null;
        while (true)
        {
            var page = await departments.ListAsync(null, null, after, 500, cancellationToken);
            foreach (var department in page)
            {
                await grains.GetGrain<INamespaceGrain>(department.Code).QuotaChangedAsync();
            }

            if (page.Count < 500)
            {
                return;
            }

            after = page[^1].Code;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
