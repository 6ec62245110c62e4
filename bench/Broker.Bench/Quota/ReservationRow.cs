using Npgsql;

namespace Broker.Bench.Quota;

/// <summary>
/// The reservation row the baselines write with each decision, denials included: the broker journals its denials
/// too, so that a replayed request gets its first answer, and the baselines must pay for the same promise.
/// </summary>
public static class ReservationRow
{
    public const string InsertSql = """
        insert into reservation (id, department, vcpu, memory_gib, vms, state, actor)
        values (@id, @department, @vcpu, @memory_gib, @vms, @state, 'bench:quota')
        """;

    public static NpgsqlBatchCommand Insert(string id, string department, Demand demand, bool granted)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        AddParameters(command.Parameters, id, department, demand, granted ? "held" : "denied");
        return command;
    }

    public static void AddParameters(NpgsqlParameterCollection parameters, string id, string department, Demand demand, string state)
    {
        parameters.Add(new NpgsqlParameter<string>("id", id));
        parameters.Add(new NpgsqlParameter<string>("department", department));
        parameters.Add(new NpgsqlParameter<string>("state", state));
        BaselineDatabase.AddDemand(parameters, demand);
    }
}
