namespace TacticalRag.Bench.Report;

/// <summary>The repository's root (the folder of <c>TacticalRag.sln</c>), found from wherever the tool runs.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "TacticalRag.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
