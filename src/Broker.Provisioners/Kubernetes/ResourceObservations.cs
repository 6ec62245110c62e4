using System.Globalization;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Reads the operators' status into the contract's phases.</summary>
internal static class ResourceObservations
{
    public static ObservedResource Of(VirtualMachine vm)
    {
        var id = vm.Metadata.Name;
        var outputs = new Dictionary<string, string> { ["namespace"] = vm.Metadata.Namespace ?? string.Empty, ["name"] = id };
        var status = vm.Status;
        if (vm.Metadata.DeletionTimestamp is not null)
        {
            return new ObservedResource(id, ObservedPhase.Deleting, null, outputs);
        }

        var failure = status?.Conditions?.FirstOrDefault(c => c.Type == "Failure" && c.Status == "True");
        if (failure is not null || status?.PrintableStatus is { } printable && (printable.StartsWith("Error", StringComparison.Ordinal) || printable == "DataVolumeError"))
        {
            var reason = failure?.Message
                ?? status?.Conditions?.FirstOrDefault(c => c.Status == "False" && !string.IsNullOrEmpty(c.Message))?.Message
                ?? status?.PrintableStatus;
            return new ObservedResource(id, ObservedPhase.Failed, $"{status?.PrintableStatus}: {reason}", outputs);
        }

        if (vm.Spec.RunStrategy == "Halted")
        {
            return new ObservedResource(id, status?.PrintableStatus == "Stopped" ? ObservedPhase.Stopped : ObservedPhase.Pending, status?.PrintableStatus, outputs);
        }

        return new ObservedResource(id, status?.Ready == true ? ObservedPhase.Ready : ObservedPhase.Pending, status?.PrintableStatus, outputs);
    }

    public static ObservedResource Of(PostgresCluster cluster)
    {
        var id = cluster.Metadata.Name;
        var ns = cluster.Metadata.Namespace ?? string.Empty;
        var status = cluster.Status;
        if (cluster.Metadata.DeletionTimestamp is not null)
        {
            return new ObservedResource(id, ObservedPhase.Deleting, null, new Dictionary<string, string>());
        }

        if (status?.Phase is { } phase && (phase.Contains("unrecoverable", StringComparison.OrdinalIgnoreCase) || phase.StartsWith("Failed", StringComparison.OrdinalIgnoreCase)))
        {
            return new ObservedResource(id, ObservedPhase.Failed, $"{phase}: {status.PhaseReason}", new Dictionary<string, string>());
        }

        if (status?.Phase == PostgresCluster.HealthyPhase && status.ReadyInstances == cluster.Spec.Instances)
        {
            // Names only: the department reads the password from the Secret with its own rights.
            var outputs = new Dictionary<string, string>
            {
                ["host"] = $"{id}-rw.{ns}.svc",
                ["port"] = "5432",
                ["database"] = cluster.Spec.Bootstrap.Initdb.Database,
                ["credentialsSecret"] = $"{id}-app",
                ["namespace"] = ns,
                ["instances"] = cluster.Spec.Instances.ToString(CultureInfo.InvariantCulture),
            };
            return new ObservedResource(id, ObservedPhase.Ready, status.Phase, outputs);
        }

        return new ObservedResource(id, ObservedPhase.Pending, status?.Phase, new Dictionary<string, string>());
    }
}
