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

    /// <summary>
    /// The list line is computed in the database from the stored JSON (title, first question, turn counts), so a page
    /// does not carry every turn's sources across; <c>conversations_owner</c> (owner, updated_utc desc) serves the order.
    /// </summary>
    public async Task<ConversationPage> ListAsync(string owner, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select id, body->>'title', body->'turns'->0->>'question', (body->>'createdUtc')::timestamptz, updated_utc,
                coalesce(jsonb_array_length(body->'turns'), 0) + coalesce((body->>'summarizedTurns')::int, 0),
                count(*) over ()
            from conversations where owner = $1 and expires_utc > now()
            order by updated_utc desc, id collate "C" desc
            offset $2 limit $3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = owner, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = offset, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var items = new List<ConversationListItem>();
        long total = -1;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var title = reader.IsDBNull(1) ? ConversationTitle.FromQuestion(reader.IsDBNull(2) ? null : reader.GetString(2)) : reader.GetString(1);
                items.Add(new ConversationListItem(reader.GetString(0), title,
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5)));
                total = reader.GetInt64(6);
            }
        }
        if (total < 0)
        {
            // Past the last page (or none at all): the window function had no row to ride on.
            await using var count = new NpgsqlCommand("select count(*) from conversations where owner = $1 and expires_utc > now()", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = owner, NpgsqlDbType = NpgsqlDbType.Text });
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        return new ConversationPage(items, offset, limit, (int)total);
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
