using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Broker.Drills.Tests.Checks;

/// <summary>
/// A drill's figures as one JSON line: printed to the test output and written to TestResults/drills/&lt;drill&gt;.json,
/// from where they go into README's reliability table and docs/reliability.md.
/// </summary>
public static class DrillReport
{
    public static async Task WriteAsync(ITestOutputHelper output, string drill, JsonObject figures)
    {
        figures["drill"] = drill;
        figures["at"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var line = figures.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        output.WriteLine(line);
        Console.WriteLine(line);
        Directory.CreateDirectory(DrillEnvironment.ResultsDirectory);
        await File.WriteAllTextAsync(Path.Combine(DrillEnvironment.ResultsDirectory, drill + ".json"), line + "\n");
    }
}
