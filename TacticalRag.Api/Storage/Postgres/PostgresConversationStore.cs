using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TacticalRag.Api.Conversations;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// Conversations as JSON rows with an expiry each save pushes back; expired rows read as missing and
/// <see cref="PostgresConversationSweeper"/> deletes them. An update holds a per-conversation advisory lock for its
/// transaction, so concurrent asks in one conversation apply one after the other.
/// </summary>
internal sealed class PostgresConversationStore(PostgresLibraryDatabase database, IOptions<ConversationStorageOptions> options) : IConversationStore
{
    public async Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, cancellationToken);
    }

    public async Task SaveAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await WriteAsync(connection, null, conversation, cancellationToken);
    }

    public async Task<Conversation?> UpdateAsync(string id, Func<Conversation?, Conversation?> change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 7))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = "conversation:" + id });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        var current = await ReadAsync(connection, transaction, id, cancellationToken);
        if (change(current) is not { } changed)
        {
            return current;
        }
        await WriteAsync(connection, transaction, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("delete from conversations where id = $1 and expires_utc > now()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes the conversations whose time has passed; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("delete from conversations where expires_utc <= now()", connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Conversation?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select body from conversations where id = $1 and expires_utc > now()", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize(json, StorageJson.Default.Conversation)
            : null;
    }

    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Conversation conversation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into conversations (id, owner, body, updated_utc, expires_utc) values ($1, $2, $3, $4, now() + $5)
            on conflict (id) do update set owner = excluded.owner, body = excluded.body, updated_utc = excluded.updated_utc,
                expires_utc = excluded.expires_utc
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = conversation.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)conversation.Owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(conversation, StorageJson.Default.Conversation), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = conversation.UpdatedUtc.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Ttl, NpgsqlDbType = NpgsqlDbType.Interval });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
