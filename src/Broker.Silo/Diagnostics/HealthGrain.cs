using Broker.Contracts.Diagnostics;
using Orleans.Concurrency;

namespace Broker.Silo.Diagnostics;

[StatelessWorker]
public sealed class HealthGrain(ILocalSiloDetails silo) : Grain, IHealthGrain
{
    public Task<string> PingAsync() => Task.FromResult(silo.SiloAddress.ToString());
}
