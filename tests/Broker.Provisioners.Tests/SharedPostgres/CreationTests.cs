using System.Text.Json;
using Broker.Provisioners.Contract;
using Broker.Provisioners.SharedPostgres;
using Npgsql;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class CreationTests(PasswordPostgres server)
{
    [Fact]
    public async Task Applying_creates_a_login_role_and_a_database_it_owns_and_reports_it_ready()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();

        var observed = await provisioner.ApplyAsync(desired);

        var names = SharedPostgresNames.For("brk_", "housing-fund", desired.ResourceId, "portal");
        Assert.Equal(ObservedPhase.Ready, observed.Phase);
        Assert.Equal(
            new Dictionary<string, string> { ["host"] = "127.0.0.1", ["port"] = server.Port.ToString(), ["database"] = names.Database, ["username"] = names.Role },
            observed.Outputs);
        Assert.StartsWith("brk_d_housing_fund_portal_o", names.Database, StringComparison.Ordinal);
        Assert.True(await server.SuperuserScalar<bool>("select rolcanlogin and not rolsuper and not rolcreatedb and not rolcreaterole from pg_roles where rolname = $1", names.Role));
        Assert.Equal(names.Role, await server.SuperuserScalar<string>("select pg_get_userbyid(datdba)::text from pg_database where datname = $1", names.Database));
        Assert.Equal(ObservedPhase.Ready, (await provisioner.ObserveAsync(desired.ResourceId)).Phase);
    }

    [Fact]
    public async Task Role_and_database_carry_a_label_naming_the_department_and_the_resource()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database(department: "social-insurance", databaseName: "claims");

        var outputs = (await provisioner.ApplyAsync(desired)).Outputs;

        foreach (var (sql, name) in new[]
        {
            ("select shobj_description(oid, 'pg_authid') from pg_roles where rolname = $1", outputs["username"]),
            ("select shobj_description(oid, 'pg_database') from pg_database where datname = $1", outputs["database"]),
        })
        {
            using var label = JsonDocument.Parse(await server.SuperuserScalar<string>(sql, name));
            Assert.Equal("broker", label.RootElement.GetProperty("managedBy").GetString());
            Assert.Equal("social-insurance", label.RootElement.GetProperty("department").GetString());
            Assert.Equal(desired.ResourceId, label.RootElement.GetProperty("resourceId").GetString());
        }
    }

    [Fact]
    public async Task The_issued_credentials_log_in_and_may_create_a_table_and_use_it()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);

        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        await using var connection = Connect(credentials);
        await connection.OpenAsync();
        await new NpgsqlCommand("create table applicant (id int primary key, name text)", connection).ExecuteNonQueryAsync();
        await new NpgsqlCommand("insert into applicant values (1, '张三')", connection).ExecuteNonQueryAsync();
        Assert.Equal("张三", await new NpgsqlCommand("select name from applicant where id = 1", connection).ExecuteScalarAsync());
        Assert.Equal(("127.0.0.1", server.Port), (credentials.Host, credentials.Port));
    }

    [Fact]
    public async Task Before_credentials_are_issued_nobody_can_log_in_as_the_role()
    {
        await using var provisioner = server.Provisioner();
        var outputs = (await provisioner.ApplyAsync(Database())).Outputs;
        var guess = new DatabaseCredentials("127.0.0.1", server.Port, outputs["database"], outputs["username"], "a-guessed-password");

        await using var connection = Connect(guess);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
        Assert.True(await server.SuperuserScalar<bool>("select rolpassword is null from pg_authid where rolname = $1", outputs["username"]));
    }
}
