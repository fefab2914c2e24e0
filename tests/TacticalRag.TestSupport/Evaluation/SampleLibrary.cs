namespace TacticalRag.TestSupport.Evaluation;

/// <summary>The repository's <c>samples/</c> library and its question set, found from wherever a tool runs.</summary>
public static class SampleLibrary
{
    public const string QuestionsFile = "eval/questions.json";

    /// <summary>The nearest <c>samples</c> folder holding a question set, looking up from each start directory.</summary>
    public static string? Find(params string[] startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "samples");
                if (File.Exists(Path.Combine(candidate, QuestionsFile)))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
