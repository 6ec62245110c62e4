using Broker.Provisioners.SharedPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

public sealed class NamingTests
{
    [Fact]
    public void Names_spell_out_department_database_and_resource_with_hyphens_as_underscores()
    {
        var names = SharedPostgresNames.For("brk_", "housing-fund", "o3fa9c1e2b4d5a6f-1", "portal");

        Assert.Equal(new SharedPostgresNames("brk_u_o3fa9c1e2b4d5a6f_1", "brk_d_housing_fund_portal_o3fa9c1e2b4d5a6f_1"), names);
    }

    [Fact]
    public void The_role_follows_from_the_resource_id_alone()
    {
        Assert.Equal(
            SharedPostgresNames.For("brk_", "housing-fund", "o1-2", "portal").Role,
            SharedPostgresNames.For("brk_", "finance-bureau", "o1-2", "ledger").Role);
        Assert.Equal("brk_u_o1_2", SharedPostgresNames.RoleFor("brk_", "o1-2"));
    }

    [Fact]
    public void The_longest_inputs_give_names_of_at_most_63_bytes_that_stay_distinct_and_deterministic()
    {
        var department = "d" + new string('e', 46) + "p";
        var database = "db_" + new string('x', 60);
        var id = new string('r', 62) + "1";
        var otherId = new string('r', 62) + "2";

        var names = SharedPostgresNames.For("longest_prefix_x", department, id, database);
        var other = SharedPostgresNames.For("longest_prefix_x", department, otherId, database);

        Assert.All(new[] { names.Role, names.Database, other.Role, other.Database }, n =>
        {
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(n), 1, SharedPostgresNames.MaxIdentifierBytes);
            Assert.Matches("^[a-z_][a-z0-9_]*_[0-9a-f]{10}$", n);
        });
        Assert.NotEqual(names.Role, other.Role);
        Assert.NotEqual(names.Database, other.Database);
        Assert.Equal(names, SharedPostgresNames.For("longest_prefix_x", department, id, database));
    }

    [Fact]
    public void The_same_database_name_in_two_departments_gives_two_names()
    {
        Assert.NotEqual(
            SharedPostgresNames.For("brk_", "housing-fund", "o1-1", "portal").Database,
            SharedPostgresNames.For("brk_", "finance-bureau", "o2-1", "portal").Database);
    }
}
