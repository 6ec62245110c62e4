using Broker.TestSupport;

namespace Broker.Silo.Tests.Architecture;

/// <summary>
/// Grains hold state, call decisions, persist and talk to other grains; the rest lives beside them in classes of their
/// own. A grain file past a screenful is the sign that a decision or a collaborator has crept back in.
/// </summary>
public sealed class GrainSizeTests
{
    private const int MaxLines = 300;

    [Fact]
    public void No_grain_file_is_over_300_lines()
    {
        var silo = Path.Combine(RepositoryFiles.Root(), "src", "Broker.Silo");
        var grains = Directory.EnumerateFiles(silo, "*Grain*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var tooLong = grains.Select(f => (File: Path.GetRelativePath(silo, f), Lines: File.ReadAllLines(f).Length))
            .Where(g => g.Lines > MaxLines)
            .Select(g => $"{g.File}: {g.Lines} lines")
            .ToList();

        Assert.NotEmpty(grains);
        Assert.True(tooLong.Count == 0, string.Join("; ", tooLong));
    }
}
