using Broker.Api.Hosting;
using Broker.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.CrashHost;

/// <summary>The broker with the crash point of <see cref="CrashPoints.EnvironmentVariable"/> armed (none: the broker as shipped).</summary>
public static class CrashHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        var point = CrashPoints.FromEnvironment();
        await BrokerApiHost.RunAsync(args, services =>
        {
            if (point != CrashPoint.None)
            {
                services.AddSingleton<IPathHooks>(new CrashHooks(point));
            }
        });
        return 0;
    }
}
