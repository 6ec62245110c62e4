namespace Broker.Api.Tests.Hosting;

/// <summary>
/// Where a test's data starts: <c>await Setup.Department("fund").WithQuota(64).WithSystem("portal").CreateAsync(broker)</c>
/// creates a fresh department (a new code from the prefix) with a registered and approved system, through the API as
/// the platform admin and the department would.
/// </summary>
public static class Setup
{
    public static DepartmentSetup Department(string prefix) => new(HttpTesting.NewCode(prefix));
}
