namespace Broker.TestSupport.Postgres;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on this machine.</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>
    /// Returns the directory holding initdb and pg_ctl: the newest Debian install under
    /// /usr/lib/postgresql/&lt;version&gt;/bin (not on PATH there), else the first PATH entry that has both.
    /// </summary>
    public static string FindBinDirectory()
    {
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.EnumerateDirectories(DebianRoot)
                .Select(versionDirectory => (
                    Version: ParseVersion(Path.GetFileName(versionDirectory)),
                    Bin: Path.Combine(versionDirectory, "bin")))
                .Where(candidate => candidate.Version is not null && HasServerPrograms(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServerPrograms(directory))
            {
                return directory;
            }
        }

        throw new InvalidOperationException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found in /usr/lib/postgresql/*/bin or on PATH. " +
            "Run `scripts/local-postgres.sh ensure` as root to install them, " +
            "or set BROKER_TEST_POSTGRES to the connection string of an existing server.");
    }

    private static bool HasServerPrograms(string directory) =>
        IsUsableFile(Path.Combine(directory, "initdb")) && IsUsableFile(Path.Combine(directory, "pg_ctl"));

    // Exists, and if it is a symbolic link (e.g. /usr/local/bin/initdb), so does what it points to.
    private static bool IsUsableFile(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true)?.Exists == true);
    }

    // Debian names the folders "15", "16" (or "9.6" for old releases).
    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version)
            ? version
            : null;
}
