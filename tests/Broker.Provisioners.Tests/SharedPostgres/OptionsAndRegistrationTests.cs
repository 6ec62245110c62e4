using Broker.Provisioners.Contract;
using Broker.Provisioners.SharedPostgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Tests.SharedPostgres;

public sealed class OptionsAndRegistrationTests
{
    private const string Section = SharedPostgresOptions.SectionName;
    private const string AdminWithSecret = "Host=db.internal;Username=broker_admin;Password=Sup3rSecretAdmin;Database=postgres";

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var options = new SharedPostgresOptions { AdminConnectionString = "", AdvertisedHost = "db host;", AdvertisedPort = 0, NamePrefix = "Broker-" };

        var result = new SharedPostgresOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                $"{Section}:AdminConnectionString is required.",
                $"{Section}:AdvertisedHost 'db host;' must be a host name or IP address.",
                $"{Section}:AdvertisedPort must be between 1 and 65535.",
                $"{Section}:NamePrefix 'Broker-' must match ^[a-z][a-z0-9_]{{0,15}}\\z.",
            ],
            result.Failures);
    }

    [Fact]
    public void An_unusable_admin_connection_string_is_refused_without_echoing_its_password()
    {
        var options = new SharedPostgresOptions { AdminConnectionString = "Password=Sup3rSecretAdmin;Nonsense Key=1", AdvertisedHost = "pg.gov.example" };

        var failure = Assert.Single(new SharedPostgresOptionsValidator().Validate(null, options).Failures!);

        Assert.Equal($"{Section}:AdminConnectionString is not a valid PostgreSQL connection string with a Host.", failure);
    }

    [Fact]
    public void A_provisioner_built_directly_from_invalid_options_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            new SharedPostgresProvisioner(Options.Create(new SharedPostgresOptions()), NullLogger<SharedPostgresProvisioner>.Instance));

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public async Task The_extension_binds_the_section_and_registers_one_provisioner_as_itself_but_not_as_an_iprovisioner()
    {
        await using var services = new ServiceCollection()
            .AddSharedPostgres(Config(
                ($"{Section}:AdminConnectionString", AdminWithSecret), ($"{Section}:AdvertisedHost", "pg.gov.example"),
                ($"{Section}:AdvertisedPort", "6432"), ($"{Section}:NamePrefix", "city_")))
            .AddSharedPostgres(Config()) // a second call adds nothing
            .BuildServiceProvider();

        var provisioner = services.GetRequiredService<SharedPostgresProvisioner>();
        var options = services.GetRequiredService<IOptions<SharedPostgresOptions>>().Value;

        Assert.Same(provisioner, services.GetRequiredService<SharedPostgresProvisioner>());
        Assert.Empty(services.GetServices<IProvisioner>());
        Assert.Equal(("pg.gov.example", 6432, "city_"), (options.AdvertisedHost, options.AdvertisedPort, options.NamePrefix));
        Assert.Equal(("shared-postgres", false), (provisioner.Name, provisioner.IsSimulated));
    }

    [Fact]
    public async Task A_host_with_invalid_configuration_does_not_start_and_names_every_problem()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{Section}:AdminConnectionString"] = AdminWithSecret,
            [$"{Section}:AdvertisedPort"] = "70000",
        });
        builder.Services.AddSharedPostgres(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("AdvertisedHost", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AdvertisedPort", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("Sup3rSecretAdmin", StringComparison.Ordinal));
    }
}
