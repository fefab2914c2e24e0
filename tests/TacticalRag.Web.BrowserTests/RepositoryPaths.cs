namespace TacticalRag.Web.BrowserTests;

/// <summary>Files of the repository the tests read (the sample library) and write (the README's screenshots).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string fileName) => Path.Combine(Root, "samples", fileName);

    public static string Screenshot(string page) => Path.Combine(Root, "docs", "screenshots", page + ".png");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TacticalRag.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No TacticalRag.sln above {AppContext.BaseDirectory}.");
    }
}
