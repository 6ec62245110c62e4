namespace Broker.TestSupport;

/// <summary>Files of the repository the tests check as shipped (manifests, server set-up scripts), found from the test binaries.</summary>
public static class RepositoryFiles
{
    public static string Read(params string[] relative) => File.ReadAllText(Path.Combine([Root(), .. relative]));

    /// <summary>The repository's root: the folder holding Broker.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Broker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Broker.sln not found above " + AppContext.BaseDirectory);
    }
}
