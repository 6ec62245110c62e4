using System.Net;
using Broker.Api.Tests.Catalog;
using Broker.Api.Tests.Hosting;
using Npgsql;
using static Broker.Api.Tests.Systems.SystemBodies;

namespace Broker.Api.Tests.Metering;

/// <summary>Finance reads and sets a system's O&amp;M adjustments; every change is audited with what it replaced.</summary>
[Collection(ApiCollection.Name)]
public sealed class OmProfileApiTests(BrokerApiFactory broker)
{
    private readonly HttpClient _finance = broker.As("finance");

    private async Task<(string Department, string System)> SystemAsync()
    {
        var department = await DepartmentAsync(broker, "om");
        return (department, await RegisterAsync(broker, department));
    }

    [Fact]
    public async Task A_profile_reads_as_the_defaults_until_set_and_each_change_is_audited_once()
    {
        var (department, system) = await SystemAsync();
        var path = $"/api/finance/om-profiles/{department}/{system}";
        var fresh = await _finance.Send(HttpMethod.Get, path).Expect(HttpStatusCode.OK);
        Assert.True((bool)fresh["isDefault"]!);
        Assert.Equal("normal", (string)fresh["profile"]!["importance"]!);

        await _finance.Send(HttpMethod.Put, path, new { importance = "critical", serviceHours = "7x24" }).Expect(HttpStatusCode.NoContent);
        var set = await _finance.Send(HttpMethod.Get, path).Expect(HttpStatusCode.OK);
        Assert.False((bool)set["isDefault"]!);
        Assert.Equal(("critical", "7x24", "small"), ((string)set["profile"]!["importance"]!, (string)set["profile"]!["serviceHours"]!, (string)set["profile"]!["dataScale"]!));
        Assert.Equal(["om-profile.set"], await broker.AuditActions("om-profile", $"{department}/{system}"));

        // The same profile again is harmless and leaves no second audit row.
        await _finance.Send(HttpMethod.Put, path, new { importance = "critical", serviceHours = "7x24" }).Expect(HttpStatusCode.NoContent);
        Assert.Single(await broker.AuditActions("om-profile", $"{department}/{system}"));
    }

    [Fact]
    public async Task An_unknown_level_is_refused_naming_the_field_and_changes_nothing()
    {
        var (department, system) = await SystemAsync();
        var path = $"/api/finance/om-profiles/{department}/{system}";

        var problem = await _finance.Send(HttpMethod.Put, path, new { importance = "galactic" }, language: "en").Expect(HttpStatusCode.BadRequest);

        Assert.Contains("importance", problem.ErrorFields());
        Assert.True((bool)(await _finance.Send(HttpMethod.Get, path).Expect(HttpStatusCode.OK))["isDefault"]!);
        Assert.Empty(await broker.AuditActions("om-profile", $"{department}/{system}"));
    }

    [Fact]
    public async Task A_profile_for_an_unknown_department_or_system_is_refused_404_naming_which_and_nothing_is_stored()
    {
        var (department, _) = await SystemAsync();
        var unknownDepartment = $"nowhere-{Guid.NewGuid():N}"[..20];
        var longSystem = new string('s', 200); // the longest path value the broker takes at all

        var noDepartment = await _finance.Send(HttpMethod.Put, $"/api/finance/om-profiles/{unknownDepartment}/core", new { importance = "high" })
            .Expect(HttpStatusCode.NotFound);
        var noSystem = await _finance.Send(HttpMethod.Put, $"/api/finance/om-profiles/{department}/{longSystem}", new { importance = "high" })
            .Expect(HttpStatusCode.NotFound);
        var readNoSystem = await _finance.Send(HttpMethod.Get, $"/api/finance/om-profiles/{department}/missing").Expect(HttpStatusCode.NotFound);

        Assert.Equal(("department.not-found", "system.not-found", "system.not-found"),
            ((string)noDepartment["code"]!, (string)noSystem["code"]!, (string)readNoSystem["code"]!));
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from broker.om_profiles where department in (@a, @b)", connection);
        count.Parameters.AddWithValue("a", unknownDepartment);
        count.Parameters.AddWithValue("b", department);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Only_finance_reads_or_sets_profiles() =>
        await AuthorizationMatrix.CheckAsync(broker,
        [
            new AuthorizationMatrix.Row("dept-admin", "dept-admin", "om-dept", HttpMethod.Get, "/api/finance/om-profiles/om-dept/core", null, HttpStatusCode.Forbidden),
            new AuthorizationMatrix.Row("dept-admin", "dept-admin", "om-dept", HttpMethod.Put, "/api/finance/om-profiles/om-dept/core", new { importance = "high" }, HttpStatusCode.Forbidden),
            new AuthorizationMatrix.Row("platform-admin", "platform-admin", null, HttpMethod.Get, "/api/finance/om-profiles/om-dept/core", null, HttpStatusCode.Forbidden),
            new AuthorizationMatrix.Row("platform-admin", "platform-admin", null, HttpMethod.Put, "/api/finance/om-profiles/om-dept/core", new { importance = "high" }, HttpStatusCode.Forbidden),
        ]);
}
