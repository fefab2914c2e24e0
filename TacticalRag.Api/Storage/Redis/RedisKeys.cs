using StackExchange.Redis;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Every key the stores use, under one prefix (default <c>trag:</c>) so several libraries can share a Redis:
/// <list type="bullet">
/// <item><c>docs</c>: sorted set of document ids scored by ingestion time (ms), for newest-first listing.</item>
/// <item><c>doc:{id}</c>: hash of the document's fields.</item>
/// <item><c>chunks:{id}</c>: list of the document's chunks as JSON, in order.</item>
/// <item><c>vectors:{id}</c>: hash of chunk id to the vector's raw float bytes.</item>
/// <item><c>embedding-model</c>, <c>version</c> (INCR on every library change), <c>changes</c> (stream of library
/// changes), <c>vector-changes</c> (stream of embedding progress notices, outside the versioned sequence).</item>
/// <item><c>conversation:{id}</c>: a conversation as JSON, with a TTL.</item>
/// <item><c>conversations:{owner}</c>: sorted set of an owner's conversation ids scored by last update (ms), with a TTL
/// each write renews; ids whose conversation expired are removed when the list is read.</item>
/// </list>
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Documents { get; } = prefix + "docs";

    public RedisKey Version { get; } = prefix + "version";

    public RedisKey EmbeddingModel { get; } = prefix + "embedding-model";

    public RedisKey Changes { get; } = prefix + "changes";

    public RedisKey VectorChanges { get; } = prefix + "vector-changes";

    public RedisKey Document(string id) => Prefix + "doc:" + id;

    public RedisKey Chunks(string id) => Prefix + "chunks:" + id;

    public RedisKey Vectors(string id) => Prefix + "vectors:" + id;

    public RedisKey Conversation(string id) => Prefix + "conversation:" + id;

    public RedisKey OwnerConversations(string owner) => Prefix + "conversations:" + owner;

    /// <summary>The keys every library script takes, in the order <see cref="RedisLibraryScripts"/> expects.</summary>
    public RedisKey[] ForDocumentScript(string id) =>
        [Document(id), Chunks(id), Vectors(id), Documents, Version, Changes, VectorChanges];
}
