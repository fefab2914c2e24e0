using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost.Redis;

/// <summary>
/// How Redis keeps what the API acknowledged, section <c>TacticalRag:Redis</c>. Redis writes every change to an
/// append-only file; <see cref="AppendFsync"/> says how often that file is forced to disk.
/// </summary>
public sealed class RedisDurabilityOptions
{
    public const string SectionName = "TacticalRag:Redis";

    /// <summary>
    /// <c>everysec</c> (default): at most about a second of acknowledged writes lost on a power cut or an OS crash, at
    /// almost no cost. <c>always</c>: none lost, each write waits for the disk.
    /// </summary>
    public string AppendFsync { get; set; } = "everysec";

    /// <summary>
    /// The local <c>redis-server</c>'s data folder (no container runtime), relative to the AppHost's project folder;
    /// it outlives the AppHost, so a restart finds the library and conversations again.
    /// </summary>
    public string DataPath { get; set; } = Path.Combine(".data", "redis");

    /// <summary>The options from configuration; a value Redis would not take stops the AppHost with the setting's name.</summary>
    public static RedisDurabilityOptions Read(IDistributedApplicationBuilder builder)
    {
        var options = AppHostSettings.Read<RedisDurabilityOptions>(builder.Configuration, SectionName);
        if (options.AppendFsync is not ("everysec" or "always"))
        {
            throw new DistributedApplicationException(
                $"{SectionName}:{nameof(AppendFsync)} must be everysec or always, not '{options.AppendFsync}'.");
        }
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            throw new DistributedApplicationException($"{SectionName}:{nameof(DataPath)} must name a folder.");
        }
        options.DataPath = Path.GetFullPath(options.DataPath, builder.AppHostDirectory);
        return options;
    }

    /// <summary>The append-only file arguments both the container and the local process get.</summary>
    public IEnumerable<string> AppendOnlyArguments() => ["--appendonly", "yes", "--appendfsync", AppendFsync];
}
