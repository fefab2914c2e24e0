using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Identity;

/// <summary>
/// Where the PostgreSQL server programs (<c>postgres</c>, <c>initdb</c>) are: on PATH, else where Debian and Ubuntu's
/// <c>postgresql</c> package puts them (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>, not on PATH), newest first.
/// </summary>
public static class PostgresInstallation
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The full path of <c>postgres</c>, or null when PostgreSQL is not installed.</summary>
    public static string? FindServer()
    {
        var onPath = ExecutableLocator.FindOnPath("postgres");
        if (onPath is not null)
        {
            // /usr/local/bin/postgres is often a link into the versioned folder, where initdb is too.
            return new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
        }
        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }
        return Directory.GetDirectories(DebianRoot)
            .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : 0, Path: Path.Combine(folder, "bin", "postgres")))
            .Where(candidate => File.Exists(candidate.Path))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Path)
            .FirstOrDefault();
    }

    /// <summary><c>initdb</c> beside <paramref name="server"/>, or on PATH.</summary>
    public static string FindInitDb(string server)
    {
        var beside = Path.Combine(Path.GetDirectoryName(server)!, "initdb");
        return File.Exists(beside) ? beside : ExecutableLocator.FindOnPath("initdb") ?? "initdb";
    }
}
