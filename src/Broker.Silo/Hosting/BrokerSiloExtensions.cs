using Broker.Provisioners.SharedPostgres;
using Broker.Provisioners.Simulated;
using Broker.Silo.Audit;
using Broker.Silo.Capacity;
using Broker.Silo.Diagnostics;
using Broker.Silo.Catalog;
using Broker.Silo.Namespaces;
using Broker.Silo.Metering;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Broker.Silo.Orders;
using Broker.Silo.Resources;
using Broker.Silo.Systems;
using Broker.Silo.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Broker.Silo.Hosting;

/// <summary>Wires the broker's storage, options and Orleans providers, all on the one PostgreSQL database.</summary>
public static class BrokerSiloExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>Binds Orleans' <see cref="ClusterMembershipOptions"/> on silos.</summary>
    public const string MembershipSection = $"{BrokerOrleansOptions.SectionName}:Membership";

    /// <summary>
    /// Options, the data source and the stores. Call before <c>UseOrleans</c>: hosted services start in registration
    /// order, and the schema must exist before the silo reads its membership table.
    /// </summary>
    public static IServiceCollection AddBrokerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName) ?? "")
            .Bind(configuration.GetSection("Broker:Storage"))
            .ValidateOnStart();
        services.AddOptions<BrokerOrleansOptions>().BindConfiguration(BrokerOrleansOptions.SectionName).ValidateOnStart();
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, BrokerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOrleansOptions>, BrokerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>());
        services.AddOptions<ConnectionBudgetOptions>().BindConfiguration(ConnectionBudgetOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionBudgetOptions>, ConnectionBudgetValidator>());

        services.TryAddSingleton(BrokerClock.System);
        // One bounded pool for the broker's own queries: a burst waits for a connection rather than exhausting the server.
        // Its statements are prepared once per connection (StatementPreparation).
        services.TryAddSingleton(sp =>
        {
            var budget = sp.GetRequiredService<IOptions<ConnectionBudgetOptions>>().Value;
            var connectionString = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
            return new NpgsqlDataSourceBuilder(StatementPreparation.Apply(ConnectionBudget.Apply(connectionString, budget.Broker, budget.AcquireTimeout))).Build();
        });
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<DatabaseStartupWait>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<DepartmentJournal>();
        services.TryAddSingleton<DepartmentJournalWriter>();
        services.TryAddSingleton<DepartmentDirectory>();
        services.TryAddSingleton<QuotaValidation>();
        services.TryAddSingleton<CatalogStore>();
        services.TryAddSingleton<ResourceJournal>();
        services.TryAddSingleton<ResourceDirectory>();
        services.TryAddSingleton<QuotaPass>();
        services.TryAddSingleton<OrderDirectory>();
        services.TryAddSingleton<OrderStore>();
        // An order's first row and capacity holds, committed in the department's transaction with the reservation.
        services.TryAddSingleton<OrderPlacementWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlongsideWriter, OrderPlacementWriter>(sp => sp.GetRequiredService<OrderPlacementWriter>()));
        // A resource's first ready, committed in the department's transaction with its quota.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlongsideWriter, ResourceAppendWriter>());
        services.TryAddSingleton<SystemStore>();
        services.TryAddSingleton<SystemDirectory>();
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>());
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>());
        // The backend resources are provisioned on; the simulated machine room until a cluster is configured.
        services.AddSimulatedMachineRoom(configuration, sp => sp.GetRequiredService<BrokerClock>().Provider);
        // Databases go to a real shared PostgreSQL server when the platform configures one.
        if (!string.IsNullOrWhiteSpace(configuration[$"{SharedPostgresOptions.SectionName}:{nameof(SharedPostgresOptions.AdminConnectionString)}"]))
        {
            services.AddSharedPostgres(configuration);
            services.AddOptions<SharedPostgresOptions>().PostConfigure<IOptions<ConnectionBudgetOptions>>((o, budget) =>
                o.AdminConnectionString = ConnectionBudget.Apply(o.AdminConnectionString, budget.Value.SharedPostgres, budget.Value.AcquireTimeout));
        }

        // VMs (and databases, unless routed elsewhere) go to a Kubernetes cluster when the platform configures one.
        services.AddKubernetesBackend(configuration);

        services.TryAddSingleton<ProvisionerSelector>();
        // Metering and chargeback (issue 5): ledger, rate cards, statements.
        services.AddBrokerMetering();
        // Capacity pools (supply side of admission), after the provisioners whose backends they feed.
        services.AddBrokerCapacity();
        services.AddHostedService<SchemaMigrationService>();
        return services;
    }

    /// <summary>Clustering, grain state and reminders through the ADO.NET providers, against the schema in infra/sql/orleans.</summary>
    public static ISiloBuilder AddBrokerSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        // Clustering, grain state and reminders share one pool (one connection string), capped by the budget.
        var connectionString = ConnectionBudget.ForOrleans(configuration);
        var cluster = configuration.GetSection(BrokerOrleansOptions.SectionName).Get<BrokerOrleansOptions>() ?? new BrokerOrleansOptions();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        // A loopback address keeps the silo private to this host (./run.sh, tests); any other is a pod's or a
        // container's, reached from other hosts, so the silo listens on every address it has.
        var advertised = AdvertisedAddress.ForThisHost(cluster.AdvertisedAddress);
        silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !System.Net.IPAddress.IsLoopback(advertised));
        silo.UseClusterTls(cluster.Tls);
        // Failure detection (ProbeTimeout, NumMissedProbesLimit, ...) as Orleans names it, for the platform to tune.
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        silo.Services.AllowStorageExceptions();
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        foreach (var storage in new[] { DepartmentGrain.StorageName, OrderGrain.StorageName })
        {
            silo.AddAdoNetGrainStorage(storage, options => options.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                // Orleans' own version-tolerant binary format, driven by the [Id] attributes on the state records, instead
                // of the provider's default Newtonsoft JSON with assembly-qualified type names that break on a rename.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }

        // The sweepers' reminder periods (resources: ReconcileReminderPeriod; orders: Broker:Approval:CheckEvery) are ours
        // to choose, not Orleans' one-minute floor.
        var reconcile = configuration.GetSection(ProvisioningOptions.SectionName).Get<ProvisioningOptions>() ?? new ProvisioningOptions();
        var approval = configuration.GetSection(ApprovalOptions.SectionName).Get<ApprovalOptions>() ?? new ApprovalOptions();
        var shortest = new[] { 60, reconcile.ReconcileReminderPeriod.TotalSeconds, approval.CheckEvery.TotalSeconds }.Where(s => s > 0).Min();
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(shortest));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // Drift on Kubernetes learned from a watch, on one silo (docs/reconciliation.md).
        silo.Services.AddResourceWatch();
        if (TelemetryOptions.From(configuration).Traces)
        {
            // Grain calls as spans, their context carried across silos: only when traced, since the filters run on every call.
            silo.AddActivityPropagation();
        }

        return silo;
    }

    /// <summary>
    /// For an API process (<c>Broker:Role=api</c>) that calls the silo cluster instead of hosting a silo: it finds the
    /// gateways in the membership table, re-reads them every <see cref="BrokerOrleansOptions.GatewayListRefreshPeriod"/>
    /// so that a restarted silo is used again soon, and waits for one at start (<see cref="GatewayConnectRetry"/>).
    /// </summary>
    public static IClientBuilder AddBrokerClient(this IClientBuilder client, IConfiguration configuration)
    {
        var connectionString = ConnectionBudget.ForOrleans(configuration);
        var cluster = configuration.GetSection(BrokerOrleansOptions.SectionName).Get<BrokerOrleansOptions>() ?? new BrokerOrleansOptions();
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        client.Services.AllowStorageExceptions();
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        client.Services.AddSingleton<IClientConnectionRetryFilter>(sp =>
            new GatewayConnectRetry(cluster.ConnectTimeout, TimeProvider.System, sp.GetRequiredService<ILogger<GatewayConnectRetry>>()));
        client.UseClusterTls(cluster.Tls);
        if (TelemetryOptions.From(configuration).Traces)
        {
            client.AddActivityPropagation();
        }

        return client;
    }
}
