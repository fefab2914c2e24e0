namespace TacticalRag.AppHost;

/// <summary>
/// Makes a relative <c>--output-path</c> relative to the directory the command was run from, as a reader of
/// <c>dotnet run --project TacticalRag.AppHost -- --publisher manifest --output-path manifest.json</c> expects; Aspire
/// would otherwise resolve it against the AppHost's project folder.
/// </summary>
public static class PublishArguments
{
    private const string OutputPath = "--output-path";

    public static string[] Resolve(string[] args, string workingDirectory)
    {
        var resolved = (string[])args.Clone();
        for (var i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == OutputPath && i + 1 < resolved.Length)
            {
                resolved[i + 1] = Path.GetFullPath(resolved[i + 1], workingDirectory);
            }
            else if (resolved[i].StartsWith(OutputPath + "=", StringComparison.Ordinal))
            {
                resolved[i] = $"{OutputPath}={Path.GetFullPath(resolved[i][(OutputPath.Length + 1)..], workingDirectory)}";
            }
        }
        return resolved;
    }
}
