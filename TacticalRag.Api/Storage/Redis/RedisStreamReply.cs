using StackExchange.Redis;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Reads a raw RESP2 <c>XREAD</c> reply (sent with <c>Execute</c>, since the typed API has no BLOCK): nil when the
/// block timed out, else <c>[[stream, [[id, [field, value, ...]], ...]], ...]</c>.
/// </summary>
internal static class RedisStreamReply
{
    public static Dictionary<RedisKey, StreamEntry[]> Parse(RedisResult reply)
    {
        var streams = new Dictionary<RedisKey, StreamEntry[]>();
        if (reply.IsNull || reply.Resp2Type != ResultType.Array)
        {
            return streams;
        }
        foreach (var stream in (RedisResult[])reply!)
        {
            var pair = (RedisResult[])stream!;
            streams[(RedisKey)pair[0]] = Entries((RedisResult[])pair[1]!);
        }
        return streams;
    }

    private static StreamEntry[] Entries(RedisResult[] entries) =>
        entries.Select(entry =>
        {
            var parts = (RedisResult[])entry!;
            var fields = parts[1].IsNull ? [] : (RedisValue[])parts[1]!;
            var values = new NameValueEntry[fields.Length / 2];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = new NameValueEntry(fields[2 * i], fields[2 * i + 1]);
            }
            return new StreamEntry((RedisValue)parts[0], values);
        }).ToArray();
}
