using Broker.Api.Audit;
using Broker.Api.Hosting;
using Broker.Api.Identity;

if (args is ["token", ..])
{
    return DevTokenCommand.Run(args);
}

if (args is ["audit", ..])
{
    return await AuditVerifyCommand.RunAsync(args, Console.Out);
}

if (args is ["health", ..])
{
    return await HealthCommand.RunAsync(args, Console.Out);
}

await BrokerApiHost.RunAsync(args);
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
