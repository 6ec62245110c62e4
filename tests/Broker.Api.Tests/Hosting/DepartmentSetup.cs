using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Systems;

namespace Broker.Api.Tests.Hosting;

/// <summary>
/// The one way tests build a department and its systems (see <see cref="Setup"/>): the department as the platform admin
/// creates it, each system registered by the department and, unless asked otherwise, approved by the platform admin
/// with an envelope that fits an order of a few VMs and databases.
/// </summary>
public sealed class DepartmentSetup(string code)
{
    private readonly List<Func<Func<string, string?, HttpClient>, Task>> _systems = [];
    private IReadOnlyDictionary<string, long>? _quota;
    private long _vcpu = 32;
    private string? _parent;

    /// <summary>Known before the department exists, so a test can name it in what it sets up next.</summary>
    public string Code { get; } = code;

    /// <summary>An envelope that admits a few VMs and databases: the systems of most order tests.</summary>
    public static Dictionary<string, long> OrderEnvelope(long vcpu = 16) =>
        new() { ["vcpu"] = vcpu, ["memory_gib"] = 128, ["storage_gib"] = 2000, ["vms"] = 8, ["databases"] = 2 };

    /// <summary>The platform admin's review that approves a system with <paramref name="envelope"/> for <paramref name="period"/>.</summary>
    public static object Approval(IReadOnlyDictionary<string, long> envelope, string period) => new
    {
        approve = true,
        envelope = new { vector = envelope, period },
    };

    /// <summary>The quota of <see cref="HttpTesting.Department"/> scaled to <paramref name="vcpu"/>.</summary>
    public DepartmentSetup WithQuota(long vcpu)
    {
        _vcpu = vcpu;
        return this;
    }

    public DepartmentSetup WithQuota(IReadOnlyDictionary<string, long> quota)
    {
        _quota = quota;
        return this;
    }

    public DepartmentSetup WithParent(string parent)
    {
        _parent = parent;
        return this;
    }

    /// <summary>
    /// A system registered by <paramref name="registeredBy"/> of the department in <paramref name="zone"/> and, when
    /// <paramref name="approved"/>, approved with <paramref name="envelope"/> (<see cref="OrderEnvelope"/> of
    /// <paramref name="envelopeVcpu"/> unless given) for <paramref name="period"/>.
    /// </summary>
    public DepartmentSetup WithSystem(
        string id, bool approved = true, long envelopeVcpu = 16, IReadOnlyDictionary<string, long>? envelope = null, string period = "total", string zone = "extranet",
        string category = "business-application", string? justification = null, decimal investment = 3_000_000m, string registeredBy = "dept-admin")
    {
        var registration = SystemBodies.Registration(category: category, justification: justification, investment: investment);
        registration["declarations"]!["networkZone"] = zone;
        _systems.Add(async @as =>
        {
            await @as(registeredBy, Code).Send(HttpMethod.Put, $"/api/departments/{Code}/systems/{id}", registration.ToJsonString()).Expect(HttpStatusCode.Created);
            if (approved)
            {
                await @as("platform-admin", null).Send(HttpMethod.Post, $"/api/platform/systems/{Code}/{id}/review", Approval(envelope ?? OrderEnvelope(envelopeVcpu), period))
                    .Expect(HttpStatusCode.OK);
            }
        });
        return this;
    }

    public Task<string> CreateAsync(BrokerApiFactory broker) => CreateAsync((role, department) => broker.As(role, department));

    /// <summary>Creates it all through <paramref name="as"/> (a host's <c>As(role, department)</c>); the department's code.</summary>
    public async Task<string> CreateAsync(Func<string, string?, HttpClient> @as)
    {
        await @as("platform-admin", null).Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(Code, _vcpu, _parent, _quota))
            .Expect(HttpStatusCode.Created);
        foreach (var system in _systems)
        {
            await system(@as);
        }

        return Code;
    }
}
