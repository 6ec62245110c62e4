using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Reports every problem in the Kubernetes configuration at once, at start.</summary>
public sealed class KubernetesProvisionerOptionsValidator : IValidateOptions<KubernetesProvisionerOptions>
{
    /// <summary>For provisioners built without the DI extension: the same checks, thrown as <see cref="OptionsValidationException"/>.</summary>
    /// <param name="checkConnection">False when the caller passes its own client, so KubeconfigPath and InCluster go unused.</param>
    public static void ThrowIfInvalid(KubernetesProvisionerOptions options, bool checkConnection = true)
    {
        var result = Check(options, checkConnection);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KubernetesProvisionerOptions), result.Failures);
        }
    }

    public ValidateOptionsResult Validate(string? name, KubernetesProvisionerOptions options) => Check(options, checkConnection: true);

    private static ValidateOptionsResult Check(KubernetesProvisionerOptions options, bool checkConnection)
    {
        const string Section = KubernetesProvisionerOptions.SectionName;
        var failures = new List<string>();
        var hasPath = !string.IsNullOrWhiteSpace(options.KubeconfigPath);
        if (checkConnection && hasPath == options.InCluster)
        {
            failures.Add($"{Section}: set exactly one of KubeconfigPath and InCluster.");
        }

        if (options.ServiceAccount?.Split('/') is not [var accountNamespace, var account] || !KubernetesNames.IsDnsSubdomain(accountNamespace) || !KubernetesNames.IsDnsSubdomain(account))
        {
            failures.Add($"{Section}:ServiceAccount '{options.ServiceAccount}' must be namespace/name of the broker's service account.");
        }

        if (string.IsNullOrWhiteSpace(options.DepartmentClusterRole) || !KubernetesNames.IsDnsSubdomain(options.DepartmentClusterRole))
        {
            failures.Add($"{Section}:DepartmentClusterRole must name the ClusterRole bound in each department namespace.");
        }

        foreach (var (image, url) in options.Images ?? [])
        {
            if (ImageSource.From(url) is null)
            {
                failures.Add($"{Section}:Images:{image} '{url}' must be a docker://, http:// or https:// URL.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.PostgresImageRepository) || options.PostgresImageRepository.Any(char.IsWhiteSpace)
            || options.PostgresImageRepository.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:PostgresImageRepository must be an image repository without a tag.");
        }

        if (!KubernetesNames.IsImageTag(options.DefaultPostgresVersion))
        {
            failures.Add($"{Section}:DefaultPostgresVersion '{options.DefaultPostgresVersion}' is not an image tag.");
        }

        if (!string.IsNullOrEmpty(options.StorageClass) && !KubernetesNames.IsDnsSubdomain(options.StorageClass))
        {
            failures.Add($"{Section}:StorageClass '{options.StorageClass}' is not a valid storage class name.");
        }

        if (options.VmMemoryOverheadMib < 0 || options.VmCpuOverheadMillicores < 0 || options.VmMemoryOverheadMibPerVcpu < 0
            || !(options.VmMemoryOverheadFraction is >= 0 and <= 1) || options.StorageHeadroomGib < 0)
        {
            failures.Add($"{Section}: VM overheads and storage headroom cannot be negative (VmMemoryOverheadFraction is between 0 and 1).");
        }

        if (options.VmCpuRequestMillicoresPerVcpu <= 0)
        {
            failures.Add($"{Section}:VmCpuRequestMillicoresPerVcpu must be positive.");
        }

        foreach (var (zone, peers) in options.NetworkZones ?? [])
        {
            if (!KubernetesNames.IsLabelValue(zone) || zone.Length == 0 || (KubernetesNames.ZonePolicyPrefix + zone).Length > 253)
            {
                failures.Add($"{Section}:NetworkZones:{zone} is not a valid zone name (a label value).");
            }

            foreach (var cidr in peers.Cidrs)
            {
                if (!System.Net.IPNetwork.TryParse(cidr, out _))
                {
                    failures.Add($"{Section}:NetworkZones:{zone}:Cidrs '{cidr}' is not a CIDR.");
                }
            }

            if (peers.NamespaceSelectors.Any(s => s.Count == 0))
            {
                failures.Add($"{Section}:NetworkZones:{zone}:NamespaceSelectors: an empty selector would admit every namespace.");
            }
        }

        foreach (var (name, value) in new[] { ("DefaultContainerCpuRequest", options.DefaultContainerCpuRequest), ("DefaultContainerMemoryRequest", options.DefaultContainerMemoryRequest) })
        {
            if (!IsQuantity(value))
            {
                failures.Add($"{Section}:{name} '{value}' is not a Kubernetes quantity.");
            }
        }

        if (options.ReconcileInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:ReconcileInterval must be positive.");
        }

        var watch = options.Watch ?? new ResourceWatchOptions();
        if (watch.Resync < TimeSpan.FromMinutes(1) || watch.Timeout < TimeSpan.FromSeconds(1) || watch.Timeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:Watch: Resync must be at least a minute and Timeout between a second and an hour.");
        }

        if (watch.FirstBackoff <= TimeSpan.Zero || watch.MaxBackoff < watch.FirstBackoff)
        {
            failures.Add($"{Section}:Watch: FirstBackoff must be positive and MaxBackoff at least FirstBackoff.");
        }

        if (watch.ListPageSize is < 1 or > 10_000 || watch.Parallelism is < 1 or > 256)
        {
            failures.Add($"{Section}:Watch: ListPageSize must be 1 to 10000 and Parallelism 1 to 256.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsQuantity(string? value)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(value) && new k8s.Models.ResourceQuantity(value).ToDecimal() >= 0;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
