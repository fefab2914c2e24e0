namespace TacticalRag.AppHost.Tests;

/// <summary>
/// A data folder of the test's own for the local <c>redis-server</c>, so a started AppHost never reads or writes a
/// developer's <c>.data/redis</c>.
/// </summary>
internal sealed class TemporaryRedisData : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("trag-apphost-redis-").FullName;

    /// <summary>The AppHost argument that points Redis at <see cref="Folder"/>.</summary>
    public string Argument => $"--TacticalRag:Redis:DataPath={Folder}";

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
