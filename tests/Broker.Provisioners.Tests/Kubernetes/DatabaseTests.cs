using System.Text;
using Broker.KubeStandIn;
using Broker.Provisioners.Contract;
using k8s;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class DatabaseTests
{
    [Fact]
    public async Task Applying_a_database_creates_a_cloudnativepg_cluster_from_the_desired_state()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Database("db-a1"));

        var cluster = (await kube.GetCustomAsync("postgresql.cnpg.io", "v1", "clusters", "db-a1"))!;
        Assert.Equal("db-a1", (string?)cluster["metadata"]!["labels"]!["broker.gov/resource-id"]);
        var spec = cluster["spec"]!;
        Assert.Equal(2, (int?)spec["instances"]);
        Assert.Equal("ghcr.io/cloudnative-pg/postgresql:17", (string?)spec["imageName"]);
        Assert.Equal("50Gi", (string?)spec["storage"]!["size"]);
        Assert.Equal("gov-ssd", (string?)spec["storage"]!["storageClass"]);
        Assert.Equal("portal", (string?)spec["bootstrap"]!["initdb"]!["database"]);
        Assert.Equal("portal", (string?)spec["bootstrap"]!["initdb"]!["owner"]);
        Assert.Equal("2", (string?)spec["resources"]!["requests"]!["cpu"]);
        Assert.Equal("8Gi", (string?)spec["resources"]!["limits"]!["memory"]);
        Assert.Equal("7d", (string?)spec["backup"]!["retentionPolicy"]);
    }

    [Fact]
    public async Task A_database_without_backups_carries_no_backup_section()
    {
        await using var kube = await TestKube.StartAsync();

        await kube.Provisioner.ApplyAsync(kube.Database("db-a1") with { BackupRetentionDays = 0 });

        var cluster = (await kube.GetCustomAsync("postgresql.cnpg.io", "v1", "clusters", "db-a1"))!;
        Assert.False(cluster["spec"]!.AsObject().ContainsKey("backup"));
    }

    [Fact]
    public async Task A_healthy_database_is_ready_with_connection_outputs_naming_the_secret_but_holding_no_secret_value()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Database("db-a1"));

        var observed = await kube.SettleAsync("db-a1");

        Assert.Equal(ObservedPhase.Ready, observed.Phase);
        Assert.Equal($"db-a1-rw.{kube.Namespace}.svc", observed.Outputs["host"]);
        Assert.Equal("5432", observed.Outputs["port"]);
        Assert.Equal("portal", observed.Outputs["database"]);
        Assert.Equal("db-a1-app", observed.Outputs["credentialsSecret"]);
        var secret = await kube.Client.CoreV1.ReadNamespacedSecretAsync("db-a1-app", kube.Namespace);
        var password = Encoding.UTF8.GetString(secret.Data["password"]);
        Assert.DoesNotContain(observed.Outputs.Values, v => v.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_is_pending_while_cloudnativepg_sets_it_up()
    {
        await using var kube = await TestKube.StartAsync();

        var observed = await kube.Provisioner.ApplyAsync(kube.Database("db-a1"));

        Assert.Equal(ObservedPhase.Pending, observed.Phase);
        Assert.Empty(observed.Outputs);
    }

    [Fact]
    public async Task A_database_cloudnativepg_gives_up_on_is_failed_with_the_reason()
    {
        await using var kube = await TestKube.StartAsync();
        if (kube.StandIn is null)
        {
            return;
        }

        await kube.Provisioner.ApplyAsync(kube.Database("db-a1"));
        kube.StandIn.Controllers.Fail(ResourceRef.PostgresCluster(kube.Namespace, "db-a1"), "insufficient storage on every node");

        var observed = await kube.SettleAsync("db-a1");

        Assert.Equal(ObservedPhase.Failed, observed.Phase);
        Assert.Contains("insufficient storage on every node", observed.Message, StringComparison.Ordinal);
    }
}
