namespace TacticalRag.Api.Storage.Redis;

/// <summary>
/// Lua scripts, so that each change, its version bump and its entry on the change stream happen as one atomic step
/// (a MULTI transaction cannot feed INCR's result into XADD). KEYS: doc, chunks, vectors, docs, version, changes,
/// vector-changes.
/// ARGV[1]: document id, ARGV[2]: the stream's approximate MAXLEN; the rest is per script.
/// Each returns 0 when refused, else the new library version.
/// </summary>
internal static class RedisLibraryScripts
{
    // Arguments go to Redis commands in slices: Lua's unpack() fails on a few thousand values at once.
    private const string Prelude = """
        local function changed(kind)
          local version = redis.call('INCR', KEYS[5])
          redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[2], '*', 'kind', kind, 'doc', ARGV[1], 'version', version)
          return version
        end
        local function sliced(command, key, first, last)
          local i = first
          while i <= last do
            local j = math.min(i + 999, last)
            redis.call(command, key, unpack(ARGV, i, j))
            i = j + 1
          end
        end

        """;

    /// <summary>ARGV[3]: score, ARGV[4]: count of field/value arguments, then those, then chunk JSON.</summary>
    public const string AddDocument = Prelude + """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local fieldsEnd = 4 + tonumber(ARGV[4])
        redis.call('DEL', KEYS[2], KEYS[3])
        redis.call('HSET', KEYS[1], unpack(ARGV, 5, fieldsEnd))
        sliced('RPUSH', KEYS[2], fieldsEnd + 1, #ARGV)
        redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
        return changed('DocumentAdded')
        """;

    /// <summary>ARGV[3..]: field/value pairs; the hash is replaced whole so a cleared field (error) disappears.</summary>
    public const string UpdateDocument = Prelude + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3, #ARGV))
        return changed('DocumentUpdated')
        """;

    /// <summary>ARGV[3..]: field/value pairs, as <see cref="UpdateDocument"/>; the document's vectors go.</summary>
    public const string RestartEmbedding = Prelude + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('DEL', KEYS[1], KEYS[3])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3, #ARGV))
        return changed('DocumentUpdated')
        """;

    /// <summary>
    /// ARGV[3..]: chunk id / vector bytes pairs (slices of 1000 keep pairs whole). Progress, not a library change: no
    /// version bump, and the notice goes to its own stream so it cannot push library changes out of theirs.
    /// </summary>
    public const string SaveVectors = Prelude + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        sliced('HSET', KEYS[3], 3, #ARGV)
        local ids = {}
        for i = 3, #ARGV, 2 do ids[#ids + 1] = ARGV[i] end
        local version = redis.call('GET', KEYS[5]) or '0'
        redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[2], '*', 'kind', 'VectorsAdded', 'doc', ARGV[1], 'version', version,
          'chunks', table.concat(ids, '\n'))
        return 1
        """;

    /// <summary>ARGV[3]: progress. No version bump, no notice: replicas read progress from the document when listing.</summary>
    public const string UpdateProgress = Prelude + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'progress', ARGV[3])
        return 1
        """;

    public const string DeleteDocument = Prelude + """
        if redis.call('DEL', KEYS[1]) == 0 then return 0 end
        redis.call('DEL', KEYS[2], KEYS[3])
        redis.call('ZREM', KEYS[4], ARGV[1])
        return changed('DocumentDeleted')
        """;
}
