using System.Globalization;
using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Simulated;

/// <summary>One resource in the room. Mutable, and only touched under the room's lock.</summary>
internal sealed class SimulatedResource(DesiredResource desired, string? address)
{
    public const int DatabasePort = 5432;

    public DesiredResource Desired { get; private set; } = desired;

    /// <summary>Host of each instance; the first is a database's primary.</summary>
    public IReadOnlyList<string> Placement { get; private set; } = [];

    /// <summary>What each instance holds on its host.</summary>
    public CapacityAmounts Booked { get; private set; }

    /// <summary>VMs only.</summary>
    public string? Address { get; } = address;

    public DateTimeOffset ChangedAt { get; private set; }

    public bool WillFail { get; private set; }

    public DateTimeOffset? DeletingSince { get; set; }

    /// <summary>
    /// A stopped VM books only its disk: a halted VM has no process holding vCPU or memory, but its volume stays on
    /// the host. A database is always running, whatever <see cref="DesiredResource.Running"/> says.
    /// </summary>
    public static CapacityAmounts Demand(DesiredResource d) => d.Kind == WorkloadKind.Vm && !d.Running
        ? new CapacityAmounts(0, 0, d.StorageGib)
        : new CapacityAmounts(d.Vcpu, d.MemoryGib, d.StorageGib);

    /// <summary>A VM is one placement whatever <see cref="DesiredResource.Instances"/> says.</summary>
    public static int InstancesOf(DesiredResource d) => d.Kind == WorkloadKind.Vm ? 1 : d.Instances;

    public static string Subject(DesiredResource d) => $"{(d.Kind == WorkloadKind.Vm ? "VM" : "database")} '{d.ResourceId}'";

    public void Converge(DesiredResource desired, IReadOnlyList<string> placement, CapacityAmounts booked, DateTimeOffset now, bool willFail)
    {
        Desired = desired;
        Placement = placement;
        Booked = booked;
        ChangedAt = now;
        WillFail = willFail;
    }

    public ObservedResource Observe(DateTimeOffset now, TimeSpan delay, string failureMessage)
    {
        var (phase, message) = (DeletingSince, now < ChangedAt + delay) switch
        {
            ({ } since, _) => (ObservedPhase.Deleting, $"Simulated: deleting, gone at {Time(since + delay)}."),
            (null, true) => (ObservedPhase.Pending, $"Simulated: converging on {string.Join(", ", Placement)}, done at {Time(ChangedAt + delay)}."),
            _ when WillFail => (ObservedPhase.Failed, failureMessage),
            _ when Desired.Kind == WorkloadKind.Vm && !Desired.Running => (ObservedPhase.Stopped, (string?)null),
            _ => (ObservedPhase.Ready, null),
        };
        return new ObservedResource(Desired.ResourceId, phase, message, Outputs());
    }

    private Dictionary<string, string> Outputs()
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["simulated"] = "true",
            ["host"] = Placement[0],
            ["placement"] = string.Join(",", Placement),
        };
        if (Desired.Kind == WorkloadKind.Vm)
        {
            outputs["ip"] = Address!;
        }
        else
        {
            outputs["port"] = DatabasePort.ToString(CultureInfo.InvariantCulture);
            outputs["database"] = Desired.DatabaseName ?? Desired.ResourceId.Replace('-', '_');
            // The name of the secret a real backend would hold the credentials in; no value exists, none is invented.
            outputs["credentialsSecret"] = $"{Desired.ResourceId}-credentials";
        }

        return outputs;
    }

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
