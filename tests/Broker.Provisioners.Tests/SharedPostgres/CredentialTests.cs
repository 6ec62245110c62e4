using Broker.Provisioners.Contract;
using Broker.Provisioners.SharedPostgres;
using Npgsql;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class CredentialTests(PasswordPostgres server)
{
    private const string InvalidPassword = "28P01";

    [Fact]
    public async Task Resetting_gives_a_new_password_and_the_old_one_stops_working()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);
        var original = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        var reset = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        Assert.NotEqual(original.Password, reset.Password);
        Assert.Equal(original with { Password = reset.Password }, reset);
        await using var withNew = Connect(reset);
        await withNew.OpenAsync();
        await using var withOld = Connect(original);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => withOld.OpenAsync());
        Assert.Equal(InvalidPassword, refused.SqlState);
    }

    [Fact]
    public async Task Passwords_are_32_url_safe_characters_and_never_repeat()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);

        var passwords = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            passwords.Add((await provisioner.IssueCredentialsAsync(desired.ResourceId)).Password);
        }

        Assert.All(passwords, p => Assert.Matches("^[A-Za-z0-9_-]{32}$", p));
        Assert.Equal(5, passwords.Distinct().Count());
    }

    [Fact]
    public async Task The_server_holds_only_a_scram_verifier_of_the_password()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);

        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        var stored = await server.SuperuserScalar<string>("select rolpassword from pg_authid where rolname = $1", credentials.Username);
        Assert.StartsWith("SCRAM-SHA-256$4096:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.Password, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_never_contain_the_password()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var applied = await provisioner.ApplyAsync(desired);
        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        var afterwards = new[] { applied, await provisioner.ObserveAsync(desired.ResourceId), await provisioner.ApplyAsync(desired) };

        Assert.All(afterwards, o =>
        {
            Assert.Equal(["database", "host", "port", "username"], o.Outputs.Keys.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(o.Outputs.Values, v => v.Contains(credentials.Password, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Credentials_printed_as_text_hide_the_password()
    {
        var credentials = new DatabaseCredentials("db.gov.example", 5432, "brk_d_housing_fund_portal_o1_1", "brk_u_o1_1", "s3cr3t-Pa55word_never_printed");

        var text = $"issued {credentials}";

        Assert.Equal(
            "issued DatabaseCredentials { Host = db.gov.example, Port = 5432, Database = brk_d_housing_fund_portal_o1_1, Username = brk_u_o1_1, Password = *** }",
            text);
    }

    [Fact]
    public async Task No_log_line_ever_contains_the_password()
    {
        var logs = new RecordingLoggerProvider();
        await using var provisioner = server.Provisioner(logs);
        var desired = Database();
        await provisioner.ApplyAsync(desired);

        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);
        await provisioner.ApplyAsync(desired);
        await provisioner.DeleteAsync(desired.ResourceId);

        Assert.Contains(logs.Lines, l => l.Contains("Issued a new password for role " + credentials.Username, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(credentials.Password, StringComparison.Ordinal) || l.Contains("SCRAM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_for_a_resource_that_does_not_exist_are_refused_permanently()
    {
        await using var provisioner = server.Provisioner();

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.IssueCredentialsAsync(NewId()));

        Assert.True(refused.Permanent);
        Assert.Contains("has no database here", refused.Message, StringComparison.Ordinal);
    }
}
