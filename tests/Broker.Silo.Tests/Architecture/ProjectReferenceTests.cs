using System.Xml.Linq;
using Broker.TestSupport;

namespace Broker.Silo.Tests.Architecture;

/// <summary>
/// The projects and what each may reference (docs/architecture.md): contracts and provisioners stand alone, the silo
/// builds on both, the API on the silo. A reference against the arrows would let, say, a provisioner call a grain.
/// </summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Broker.Contracts", [] },
        { "Broker.Provisioners", [] },
        { "Broker.Silo", ["Broker.Contracts", "Broker.Provisioners"] },
        { "Broker.Api", ["Broker.Silo"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_source_project_references_only_what_the_architecture_allows(string project, string[] allowed)
    {
        var referenced = ProjectReferences(project);

        Assert.Equal(allowed.Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_provisioners_know_nothing_of_Orleans()
    {
        var packages = XDocument.Parse(RepositoryFiles.Read("src", "Broker.Provisioners", "Broker.Provisioners.csproj"))
            .Descendants("PackageReference").Select(p => (string?)p.Attribute("Include") ?? "");

        Assert.DoesNotContain(packages, p => p.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
    }

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Parse(RepositoryFiles.Read("src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')));
}
