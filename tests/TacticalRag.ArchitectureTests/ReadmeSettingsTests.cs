namespace TacticalRag.ArchitectureTests;

/// <summary>Every setting the README names exists under that name, so a setting the README tells people to use cannot silently do nothing.</summary>
public sealed class ReadmeSettingsTests
{
    private static readonly string Readme = RepositoryFiles.Read("README.md");

    [Fact]
    public void EverySectionAndKeyNamedInTheReadmeIsASettingTheProductReads()
    {
        var named = DocumentedSettings.NamedIn(Readme);

        var unknown = named.Where(key => !DocumentedSettings.Exists(key)).ToList();

        Assert.True(named.Count > 20, $"Only {named.Count} settings found in README.md; did its format change?");
        Assert.True(unknown.Count == 0, $"README.md names settings nothing reads: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void EveryLlmSettingInTheVariablesTableIsAnLlmOption()
    {
        var named = DocumentedSettings.LlmSettingsIn(Readme);

        Assert.NotEmpty(named);
        Assert.All(named, key => Assert.True(DocumentedSettings.Exists(key), $"{key} is not a property of LlmOptions"));
    }

    [Fact]
    public void EveryAppHostParameterInTheReadmeIsDeclaredByTheAppHost()
    {
        var sources = string.Join("\n", Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "TacticalRag.AppHost"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var parameters = DocumentedSettings.ParametersIn(Readme);

        Assert.NotEmpty(parameters);
        Assert.All(parameters, name => Assert.Contains($"\"{name}\"", sources));
    }

    [Fact]
    public void AMisspelledSettingIsCaught()
    {
        Assert.False(DocumentedSettings.Exists("TacticalRag:Vllm:MaxModelLen"));
        Assert.True(DocumentedSettings.Exists("TacticalRag:Vllm:MaxModelLength"));
        Assert.True(DocumentedSettings.Exists("Ingestion:Chunking:MaxTokens"));
    }
}
