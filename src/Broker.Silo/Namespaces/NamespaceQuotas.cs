using Broker.Contracts.Quotas;
using Broker.Provisioners.Kubernetes;

namespace Broker.Silo.Namespaces;

/// <summary>The department's limits in the five dimensions every plan uses, as the namespace quota needs them.</summary>
public static class NamespaceQuotas
{
    public static DepartmentQuota From(QuotaVector limits) =>
        new(limits["vcpu"], limits["memory_gib"], limits["storage_gib"], limits["vms"], limits["databases"]);
}
