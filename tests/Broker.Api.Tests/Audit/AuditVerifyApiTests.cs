using System.Net;
using Broker.Api.Audit;
using Broker.Api.Tests.Hosting;
using Npgsql;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Audit;

/// <summary>
/// The audit chain through the API and the command: a row changed behind the broker's back (as a superuser, with the
/// append-only trigger switched off) is named by <c>GET /api/platform/audit/verify</c> and by <c>audit verify</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuditVerifyApiTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task Verification_is_for_auditors_and_platform_admins_only() =>
        await CheckAsync(broker, Principals.Select(p =>
            For(p, "housing-fund", "audit.verify", (HttpMethod.Get, "/api/platform/audit/verify", null), ["platform-admin", "auditor"], HttpStatusCode.OK, departmentScoped: false)));

    [Fact]
    public async Task A_row_altered_in_postgres_is_found_by_the_api_and_the_command_with_its_chain_row_and_hashes()
    {
        var code = await Setup.Department("chain").CreateAsync(broker);
        var auditor = broker.As("auditor");
        var intact = await auditor.Send(HttpMethod.Get, "/api/platform/audit/verify").Expect(HttpStatusCode.OK);
        Assert.True((bool)intact["intact"]!, intact.ToJsonString());
        var chain = intact["heads"]!.AsArray().Single(h => (string)h!["chain"]! == code)!;
        Assert.True((long)chain["seq"]! >= 1);
        var (output, exit) = await Command();
        Assert.Equal(0, exit);
        Assert.Contains("intact", output, StringComparison.Ordinal);

        var (id, actor, hash) = await Tamper(code, "mallory");
        try
        {
            var broken = await auditor.Send(HttpMethod.Get, "/api/platform/audit/verify").Expect(HttpStatusCode.OK);
            Assert.False((bool)broken["intact"]!);
            var at = broken["firstBreak"]!;
            Assert.Equal((code, id, "row-altered", hash), ((string)at["chain"]!, (long)at["rowId"]!, (string)at["problem"]!, (string)at["found"]!));
            Assert.NotEqual(hash, (string)at["expected"]!);
            Assert.Equal([code], broken["brokenChains"]!.AsArray().Select(c => (string)c!));

            (output, exit) = await Command();
            Assert.Equal(1, exit);
            Assert.Contains($"chain {code}, row {id}", output, StringComparison.Ordinal);
            Assert.Contains($"row-altered; expected {(string)at["expected"]!}, found {hash}", output, StringComparison.Ordinal);
        }
        finally
        {
            await Tamper(code, actor, id);
        }

        Assert.True((bool)(await auditor.Send(HttpMethod.Get, "/api/platform/audit/verify").Expect(HttpStatusCode.OK))["intact"]!);
    }

    private async Task<(string Output, int Exit)> Command()
    {
        using var output = new StringWriter();
        var exit = await AuditVerifyCommand.RunAsync(["audit", "verify", $"--ConnectionStrings:Broker={broker.ConnectionString}"], output);
        return (output.ToString(), exit);
    }

    /// <summary>What someone with the database's superuser could do: switch the guard off, rewrite a row, switch it on.</summary>
    private async Task<(long Id, string Actor, string Hash)> Tamper(string chain, string actor, long? id = null)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            alter table broker.audit_log disable trigger audit_log_append_only;
            update broker.audit_log a set actor = @actor
            from (select id, actor from broker.audit_log where chain = @chain and (@id::bigint is null or id = @id) order by chain_seq limit 1) prior
            where a.id = prior.id
            returning a.id, prior.actor, a.hash;
            """, connection);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("chain", chain);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)id ?? DBNull.Value });
        (long, string, string) row;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            row = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        }

        await using var enable = new NpgsqlCommand("alter table broker.audit_log enable trigger audit_log_append_only", connection);
        await enable.ExecuteNonQueryAsync();
        return row;
    }
}
