using Broker.Image.Tests.Support;
using Npgsql;

namespace Broker.Image.Tests;

/// <summary>broker-postgres:local behaves like the official image where Testcontainers' PostgreSqlBuilder relies on it.</summary>
[Collection(ImageCollection.Name)]
[Trait("Lane", "containers")]
public sealed class PostgresImageTests(ImageStack stack)
{
    [Fact]
    public async Task PostgreSqlBuilder_gets_its_user_database_and_arguments_through_the_entrypoint()
    {
        await using var connection = new NpgsqlConnection(stack.Postgres.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select current_user, current_database(), current_setting('server_version_num')::int / 10000, " +
            "current_setting('data_directory'), current_setting('fsync'), (select rolsuper from pg_roles where rolname = current_user)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(ImageStack.User, reader.GetString(0));
        Assert.Equal(ImageStack.Database, reader.GetString(1));
        Assert.Equal(15, reader.GetInt32(2));
        Assert.Equal("/var/lib/postgresql/data", reader.GetString(3));
        // The builder passes "-c fsync=off" as the container's command; the entrypoint hands it to postgres.
        Assert.Equal("off", reader.GetString(4));
        Assert.True(reader.GetBoolean(5));
    }

    [Fact]
    public async Task The_server_runs_as_postgres_not_root()
    {
        var user = await stack.Postgres.ExecAsync(["id", "-un"]);

        Assert.Equal("postgres", user.Stdout.Trim());
    }
}
