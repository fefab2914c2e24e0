using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// Library changes as PostgreSQL notifications on one channel: sent inside the change's transaction (so delivered at
/// commit, in commit order, never for a rolled-back change), read by LISTEN on a connection of the watcher's own.
/// </summary>
internal static class PostgresChanges
{
    public const string Channel = "library_changes";

    // A notification's payload is limited to 8000 bytes: a long list of chunk ids goes in several.
    private const int MaxPayloadChars = 7000;

    /// <summary>Bumps the library version and announces the change, inside <paramref name="transaction"/>.</summary>
    public static async Task<long> NotifyVersionedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LibraryChangeKind kind, string documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "update library_state set version = version + 1 returning version", connection, transaction);
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await NotifyAsync(connection, transaction, new Notice(kind, documentId, version, null), cancellationToken);
        return version;
    }

    /// <summary>Announces new vectors (no version change), inside <paramref name="transaction"/>.</summary>
    public static async Task NotifyVectorsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, IReadOnlyList<string> chunkIds, CancellationToken cancellationToken)
    {
        List<string> part = [];
        var length = 0;
        foreach (var chunkId in chunkIds)
        {
            if (part.Count > 0 && length + chunkId.Length + 3 > MaxPayloadChars - documentId.Length)
            {
                await NotifyAsync(connection, transaction, new Notice(LibraryChangeKind.VectorsAdded, documentId, 0, part), cancellationToken);
                (part, length) = ([], 0);
            }
            part.Add(chunkId);
            length += chunkId.Length + 3;
        }
        await NotifyAsync(connection, transaction, new Notice(LibraryChangeKind.VectorsAdded, documentId, 0, part), cancellationToken);
    }

    /// <summary>
    /// Changes from now on. Listening starts before this returns (synchronously), so a change committed after the call
    /// is never missed; the connection is the watcher's own, closed when the enumeration ends.
    /// </summary>
    public static IAsyncEnumerable<LibraryChange> Listen(PostgresLibraryDatabase database, CancellationToken cancellationToken)
    {
        database.ReadyAsync(cancellationToken).GetAwaiter().GetResult();
        var connection = database.Primary.OpenConnection();
        try
        {
            using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
            {
                listen.ExecuteNonQuery();
            }
            return ReadAsync(connection, cancellationToken);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static async IAsyncEnumerable<LibraryChange> ReadAsync(NpgsqlConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var _ = connection;
        var arrived = System.Threading.Channels.Channel.CreateUnbounded<string>();
        connection.Notification += (_, e) => arrived.Writer.TryWrite(e.Payload);
        while (true)
        {
            while (arrived.Reader.TryRead(out var payload))
            {
                if (JsonSerializer.Deserialize(payload, PostgresJson.Default.Notice) is { } notice)
                {
                    yield return new LibraryChange(notice.Kind, notice.DocumentId, notice.Version, notice.ChunkIds);
                }
            }
            await connection.WaitAsync(cancellationToken);
        }
    }

    private static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Notice notice, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_notify($1, $2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(notice, PostgresJson.Default.Notice) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A change as its notification carries it.</summary>
internal sealed record Notice(LibraryChangeKind Kind, string DocumentId, long Version, IReadOnlyList<string>? ChunkIds);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Notice))]
internal sealed partial class PostgresJson : System.Text.Json.Serialization.JsonSerializerContext;
