namespace TacticalRag.AppHost.Library;

/// <summary>Whether the pgvector extension is installed for a local PostgreSQL server (Debian's layout).</summary>
public static class PgvectorInstallation
{
    /// <summary>True when <c>vector.control</c> is in the extension folder of the PostgreSQL that <paramref name="server"/> belongs to.</summary>
    public static bool IsInstalledBeside(string? server)
    {
        if (server is null)
        {
            return false;
        }
        // /usr/lib/postgresql/15/bin/postgres -> /usr/share/postgresql/15/extension/vector.control
        var version = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(server)));
        return File.Exists(Path.Combine("/usr/share/postgresql", version ?? "", "extension", "vector.control"))
            || File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(server))!, "share", "extension", "vector.control"));
    }
}
