using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Redis;

public static class RedisContainerDurabilityExtensions
{
    /// <summary>
    /// Turns on the append-only file in the Redis container, on its data volume (<c>/data</c>). Aspire's
    /// <c>WithPersistence</c> only schedules RDB snapshots (<c>--save</c>), which lose everything since the last one on a
    /// crash; the snapshots stay as a compact copy, the append-only file is what a restart replays. Aspire runs the
    /// container's arguments as one shell command, so these join its <c>redis-server</c> command line.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithAppendOnlyFile(this IResourceBuilder<RedisResource> redis)
    {
        var options = RedisDurabilityOptions.Read(redis.ApplicationBuilder);
        return redis.WithArgs(context =>
        {
            foreach (var argument in options.AppendOnlyArguments().Prepend("/data").Prepend("--dir"))
            {
                context.Args.Add(argument);
            }
        });
    }
}
