using System.Security.Cryptography;
using Broker.Api.Tests.Hosting;
using Broker.TestSupport;
using Npgsql;

namespace Broker.Api.Tests.Storage;

/// <summary>
/// The whole broker connecting as a role of its own with no superuser or any other attribute, set up on the test
/// database by infra/postgres/broker-database.sql exactly as <c>./run.sh</c> sets up the broker's database. The
/// fixture itself keeps its superuser connection (<see cref="BrokerApiFactory.ConnectionString"/>) for inspection.
/// </summary>
public sealed class RestrictedRoleBrokerFactory : BrokerApiFactory
{
    public string Role { get; } = $"brk_app_{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    protected override async Task<string> BrokerRoleAsync(string database)
    {
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        await using (var superuser = new NpgsqlConnection(database))
        {
            await superuser.OpenAsync();
            // Role and password are made of hex digits and a fixed prefix here: nothing to quote.
            await new NpgsqlCommand($"CREATE ROLE {Role} LOGIN PASSWORD '{password}'", superuser).ExecuteNonQueryAsync();
            await using var setting = new NpgsqlCommand("select set_config('broker.app_role', $1, false)", superuser);
            setting.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Role });
            await setting.ExecuteNonQueryAsync();
            await new NpgsqlCommand(RepositoryFiles.Read("infra", "postgres", "broker-database.sql"), superuser).ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(database) { Username = Role, Password = password }.ConnectionString;
    }

    public override async Task DisposeFixtureAsync()
    {
        await base.DisposeFixtureAsync();
        try
        {
            var server = await Broker.TestSupport.Postgres.PostgresServer.GetAsync();
            await using var superuser = new NpgsqlConnection(server.AdminConnectionString);
            await superuser.OpenAsync();
            await new NpgsqlCommand($"DROP ROLE IF EXISTS {Role}", superuser).ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Housekeeping only, as for the database: a throwaway server goes at exit anyway.
        }
    }
}
