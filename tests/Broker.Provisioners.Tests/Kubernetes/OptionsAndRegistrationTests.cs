using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Tests.Kubernetes;

public sealed class OptionsAndRegistrationTests
{
    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var options = new KubernetesProvisionerOptions
        {
            Images = new Dictionary<string, string> { ["debian-12"] = "ftp://images/debian.qcow2" },
            DefaultPostgresVersion = "seventeen!",
            StorageClass = "Fast_SSD",
            VmMemoryOverheadMib = -1,
        };

        var result = new KubernetesProvisionerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures.Count());
    }

    [Fact]
    public void Both_a_kubeconfig_and_in_cluster_is_refused()
    {
        var options = new KubernetesProvisionerOptions { KubeconfigPath = "/etc/broker/kubeconfig", InCluster = true };

        Assert.True(new KubernetesProvisionerOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void A_kubeconfig_alone_is_valid()
    {
        var options = new KubernetesProvisionerOptions { KubeconfigPath = "/etc/broker/kubeconfig" };

        Assert.True(new KubernetesProvisionerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_provisioner_is_named_kubernetes_and_is_not_simulated()
    {
        var provisioner = new KubernetesProvisioner(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }), TestKube.Options);

        Assert.Equal("kubernetes", provisioner.Name);
        Assert.False(provisioner.IsSimulated);
    }

    [Fact]
    public void Registration_adds_one_singleton_as_itself_and_no_IProvisioner()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Broker:Provisioning:Kubernetes:KubeconfigPath"] = WriteKubeconfig(),
            ["Broker:Provisioning:Kubernetes:Images:debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
        }).Build();

        using var services = new ServiceCollection()
            .AddKubernetesProvisioner(configuration)
            .AddKubernetesProvisioner(configuration) // a second call adds nothing
            .BuildServiceProvider();

        var provisioner = services.GetRequiredService<KubernetesProvisioner>();
        Assert.Same(provisioner, services.GetRequiredService<KubernetesProvisioner>());
        Assert.Empty(services.GetServices<IProvisioner>());
        Assert.Equal("docker://registry.cloud.gov.internal/images/debian:12", services.GetRequiredService<IOptions<KubernetesProvisionerOptions>>().Value.Images["debian-12"]);
    }

    [Fact]
    public void Invalid_configuration_fails_when_the_options_are_read()
    {
        using var services = new ServiceCollection()
            .AddKubernetesProvisioner(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KubernetesProvisionerOptions>>().Value);
    }

    private static string WriteKubeconfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broker-kubeconfig-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: http://127.0.0.1:9
            users:
            - name: test
              user:
                token: not-a-secret
            contexts:
            - name: test
              context:
                cluster: test
                user: test
            current-context: test
            """);
        return path;
    }
}
