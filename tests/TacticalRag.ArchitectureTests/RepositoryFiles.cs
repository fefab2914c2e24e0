namespace TacticalRag.ArchitectureTests;

/// <summary>Files of the repository the tests run in (found from the test's output folder upwards).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TacticalRag.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No TacticalRag.sln above {AppContext.BaseDirectory}.");
    }
}
