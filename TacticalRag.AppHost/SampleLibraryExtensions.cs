using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost;

public static class SampleLibraryExtensions
{
    /// <summary>Configuration key: <c>false</c> starts with an empty library instead of the project's samples.</summary>
    public const string SeedSamplesKey = "TacticalRag:SeedSamples";

    /// <summary>
    /// On a local run, points the API at the repository's <c>samples/</c> folder, which it loads when its library is
    /// empty, so a fresh system has something to answer about. A deployment (the manifest) gets no local path.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSampleLibrary(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        var samples = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "samples"));
        if (builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue(SeedSamplesKey, true) && Directory.Exists(samples))
        {
            api.WithEnvironment("Ingestion__SeedPath", samples);
        }
        return api;
    }
}
