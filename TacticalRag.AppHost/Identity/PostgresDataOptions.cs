using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost.Identity;

/// <summary>Where the local PostgreSQL server keeps its cluster, section <c>TacticalRag:Postgres</c>.</summary>
public sealed class PostgresDataOptions
{
    public const string SectionName = "TacticalRag:Postgres";

    /// <summary>
    /// The cluster's folder (no container runtime), relative to the AppHost's project folder; it outlives the AppHost,
    /// so accounts survive a restart. Created with <c>initdb</c> on first start.
    /// </summary>
    public string DataPath { get; set; } = Path.Combine(".data", "postgres");

    public static PostgresDataOptions Read(IDistributedApplicationBuilder builder)
    {
        var options = AppHostSettings.Read<PostgresDataOptions>(builder.Configuration, SectionName);
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            throw new DistributedApplicationException($"{SectionName}:{nameof(DataPath)} must name a folder.");
        }
        options.DataPath = Path.GetFullPath(options.DataPath, builder.AppHostDirectory);
        return options;
    }
}
