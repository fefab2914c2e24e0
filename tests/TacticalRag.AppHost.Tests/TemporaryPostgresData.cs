namespace TacticalRag.AppHost.Tests;

/// <summary>
/// A cluster folder of the test's own for the local PostgreSQL server, so a started AppHost never reads or writes a
/// developer's <c>.data/postgres</c>. Open to others, because the server runs as the <c>postgres</c> user under root.
/// </summary>
internal sealed class TemporaryPostgresData : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trag-apphost-postgres-").FullName;

    public TemporaryPostgresData()
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public string Folder => Path.Combine(_root, "data");

    /// <summary>The AppHost argument that points PostgreSQL at <see cref="Folder"/>.</summary>
    public string Argument => $"--TacticalRag:Postgres:DataPath={Folder}";

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
