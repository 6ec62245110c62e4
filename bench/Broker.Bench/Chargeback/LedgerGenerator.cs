using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Bench.Chargeback;

/// <summary>
/// Writes the synthetic year straight into <c>broker.resource_events</c> and the matching <c>broker.usage_intervals</c>
/// with binary COPY: each resource is created, becomes ready (an interval opens), goes through two of stop, start and
/// resize (each closes the interval and opens the next), and is deleted or resized once more and left running.
/// Deterministic for a given size (fixed seed), so runs compare.
/// </summary>
public static class LedgerGenerator
{
    private static readonly (int Vcpu, int Memory, int Storage)[] Sizes = [(1, 2, 40), (2, 4, 50), (4, 8, 100), (8, 32, 200), (16, 64, 500)];

    public static async Task<(int Events, int Intervals)> GenerateAsync(NpgsqlDataSource dataSource, ChargebackSettings settings)
    {
        var yearStart = new DateTimeOffset(settings.Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        var yearHours = (int)(yearStart.AddYears(1) - yearStart).TotalHours;
        await using var connection = await dataSource.OpenConnectionAsync();
        var events = 0;
        var intervals = 0;
        // Events first, then intervals: two COPY streams cannot share a connection at once, and keeping all of it in
        // memory would be 1.7 million rows; regenerating from the same seed gives the same resources.
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy broker.resource_events (resource_id, seq, at, type, payload, department, system_id, plan_code, plan_version, sla_tier, state, vector, actor, correlation_id) from stdin (format binary)"))
        {
            foreach (var resource in Resources(settings, new Random(20261), yearStart, yearHours))
            {
                for (var i = 0; i < resource.Events.Count; i++)
                {
                    var (type, at, state, size, _) = resource.Events[i];
                    await copy.StartRowAsync();
                    await copy.WriteAsync(resource.Id, NpgsqlDbType.Text);
                    await copy.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
                    await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(type, NpgsqlDbType.Text);
                    await copy.WriteAsync($$"""{"type":"{{type}}","at":"{{at:O}}"}""", NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(resource.Department, NpgsqlDbType.Text);
                    await copy.WriteAsync(resource.System, NpgsqlDbType.Text);
                    await copy.WriteAsync("vm-std", NpgsqlDbType.Text);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(resource.Tier, NpgsqlDbType.Text);
                    await copy.WriteAsync(state, NpgsqlDbType.Text);
                    await copy.WriteAsync(Vector(Sizes[size]), NpgsqlDbType.Jsonb);
                    await copy.WriteAsync("bench", NpgsqlDbType.Text);
                    await copy.WriteAsync("bench-chargeback", NpgsqlDbType.Text);
                    events++;
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy broker.usage_intervals (resource_id, opened_seq, closed_seq, department, system_id, kind, plan_code, plan_version, sla_tier, running, vcpu, memory_gib, storage_gib, instances, vector, started_at, ended_at) from stdin (format binary)"))
        {
            foreach (var resource in Resources(settings, new Random(20261), yearStart, yearHours))
            {
                // The interval opened by event i (from "ready" on) lasts until event i + 1, or stays open.
                for (var i = 1; i < resource.Events.Count; i++)
                {
                    var (type, at, _, size, running) = resource.Events[i];
                    if (type == "resource.deleted")
                    {
                        continue;
                    }

                    var closed = i + 1 < resource.Events.Count;
                    var s = Sizes[size];
                    await copy.StartRowAsync();
                    await copy.WriteAsync(resource.Id, NpgsqlDbType.Text);
                    await copy.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
                    if (closed)
                    {
                        await copy.WriteAsync((long)(i + 2), NpgsqlDbType.Bigint);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }

                    await copy.WriteAsync(resource.Department, NpgsqlDbType.Text);
                    await copy.WriteAsync(resource.System, NpgsqlDbType.Text);
                    await copy.WriteAsync("vm", NpgsqlDbType.Text);
                    await copy.WriteAsync("vm-std", NpgsqlDbType.Text);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(resource.Tier, NpgsqlDbType.Text);
                    await copy.WriteAsync(running, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(s.Vcpu, NpgsqlDbType.Integer);
                    await copy.WriteAsync(s.Memory, NpgsqlDbType.Integer);
                    await copy.WriteAsync(s.Storage, NpgsqlDbType.Integer);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(Vector(s), NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    if (closed)
                    {
                        await copy.WriteAsync(resource.Events[i + 1].At, NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }

                    intervals++;
                }
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("analyze broker.resource_events; analyze broker.usage_intervals", connection);
        await analyze.ExecuteNonQueryAsync();
        return (events, intervals);
    }

    public static string DepartmentCode(int index) => string.Create(CultureInfo.InvariantCulture, $"dept-{index:D4}");

    private static string Vector((int Vcpu, int Memory, int Storage) s) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"vcpu":{{s.Vcpu}},"memory_gib":{{s.Memory}},"storage_gib":{{s.Storage}},"vms":1}""");

    private sealed record GeneratedResource(string Id, string Department, string System, string Tier, List<(string Type, DateTimeOffset At, string State, int Size, bool Running)> Events);

    private static IEnumerable<GeneratedResource> Resources(ChargebackSettings settings, Random random, DateTimeOffset yearStart, int yearHours)
    {
        for (var d = 0; d < settings.Departments; d++)
        {
            var department = DepartmentCode(d);
            for (var r = 0; r < settings.ResourcesPerDepartment; r++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{department}-r{r:D4}");
                var system = string.Create(CultureInfo.InvariantCulture, $"sys-{random.Next(settings.SystemsPerDepartment)}");
                var tier = BenchPrices.Tiers[random.Next(BenchPrices.Tiers.Length)];
                var size = random.Next(Sizes.Length);
                // Five events spread over at most the rest of the year, whole seconds apart.
                var created = yearStart.AddSeconds(random.Next((yearHours - 24) * 3600));
                var remaining = (int)(yearStart.AddHours(yearHours) - created).TotalSeconds - 10;
                var steps = Enumerable.Range(0, 4).Select(_ => random.Next(1, Math.Max(2, remaining / 4))).ToArray();
                var at = created;
                var running = true;
                var events = new List<(string, DateTimeOffset, string, int, bool)> { ("resource.created", at, "pending", size, false) };
                at = at.AddSeconds(Math.Min(steps[0], 600));
                events.Add(("resource.ready", at, "ready", size, true));
                for (var m = 0; m < 2; m++)
                {
                    at = at.AddSeconds(steps[m + 1]);
                    var choice = random.Next(3);
                    if (choice == 0 && running)
                    {
                        running = false;
                        events.Add(("resource.stopped", at, "stopped", size, false));
                    }
                    else if (choice == 1 && !running)
                    {
                        running = true;
                        events.Add(("resource.ready", at, "ready", size, true));
                    }
                    else
                    {
                        size = (size + 1 + random.Next(Sizes.Length - 1)) % Sizes.Length;
                        events.Add(("resource.updating", at, running ? "ready" : "stopped", size, running));
                    }
                }

                at = at.AddSeconds(steps[3]);
                if (random.Next(10) < 6)
                {
                    events.Add(("resource.deleted", at, "deleted", size, false));
                }
                else
                {
                    size = (size + 1) % Sizes.Length;
                    events.Add(("resource.updating", at, running ? "ready" : "stopped", size, running));
                }

                yield return new GeneratedResource(id, department, system, tier, events);
            }
        }
    }
}
