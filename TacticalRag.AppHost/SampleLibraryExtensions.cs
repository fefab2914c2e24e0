using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost;

public static class SampleLibraryExtensions
{
    /// <summary>Configuration key: <c>false</c> starts with an empty library instead of the project's samples.</summary>
    public const string LoadSamplesKey = "TacticalRag:LoadSamples";

    /// <summary>The key's former name, still read when the new one is not set.</summary>
    public const string LegacyLoadSamplesKey = "TacticalRag:SeedSamples";

    /// <summary>
    /// On a local run, points the API at the repository's <c>samples/</c> folder, which it loads when its library is
    /// empty, so a fresh system has something to answer about. A deployment (the manifest) gets no local path.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSampleLibrary(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        var samples = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "samples"));
        if (builder.ExecutionContext.IsRunMode && LoadsSamples(builder.Configuration) && Directory.Exists(samples))
        {
            api.WithEnvironment("Ingestion__SamplesPath", samples);
        }
        return api;
    }

    private static bool LoadsSamples(IConfiguration configuration) =>
        configuration.GetValue<bool?>(LoadSamplesKey) ?? configuration.GetValue(LegacyLoadSamplesKey, true);
}
