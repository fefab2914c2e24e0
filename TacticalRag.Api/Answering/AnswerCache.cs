using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Answering;

/// <summary>
/// Written answers to standalone questions, with the grounding they were written from (every source, as a fresh
/// answer sends them), keyed by the library's version so any upload or delete retires them.
/// Redis-backed when connected (shared by replicas), in memory otherwise.
/// </summary>
public sealed class AnswerCache(IDistributedCache cache, IOptions<AnsweringOptions> options)
{
    public async Task<AnswerOutcome?> GetAsync(long libraryVersion, string question, int? topK, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(Key(libraryVersion, question, topK), cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<AnswerOutcome>(bytes, JsonSerializerOptions.Web);
    }

    public Task SetAsync(long libraryVersion, string question, int? topK, AnswerOutcome answer, CancellationToken cancellationToken) =>
        cache.SetAsync(
            Key(libraryVersion, question, topK),
            JsonSerializer.SerializeToUtf8Bytes(answer, JsonSerializerOptions.Web),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.AnswerCacheTtl },
            cancellationToken);

    internal static string Key(long libraryVersion, string question, int? topK)
    {
        var normalized = string.Join(' ', question.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('?', '.', '!', ' ');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        // "e2": an entry holds the answer's whole grounding; entries of the older shapes are not read. No prefix
        // here: the cache puts every key under Storage:KeyPrefix (RedisCacheOptions.InstanceName).
        return $"answer:e2:v{libraryVersion}:k{topK?.ToString() ?? "auto"}:{hash}";
    }
}
