using Microsoft.Extensions.Options;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>The conversation contract on the PostgreSQL engine.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConversationStoreTests(PostgresServer postgres) : ConversationStoreContract
{
    private readonly List<PostgresLibraryDatabase> _databases = [];
    private string? _connectionString;

    protected override async Task<IConversationStore> OpenStoreAsync(TimeSpan ttl)
    {
        _connectionString ??= await postgres.CreateDatabaseAsync();
        var database = new PostgresLibraryDatabase(_connectionString, null, 384);
        _databases.Add(database);
        return new PostgresConversationStore(database, Options.Create(new ConversationStorageOptions { Ttl = ttl }));
    }

    public override async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ExpiredConversationsAreDeletedBySweeping()
    {
        var store = (PostgresConversationStore)await OpenStoreAsync(TimeSpan.FromSeconds(1));
        var conversation = ConversationSamples.Conversation(Guid.NewGuid().ToString("N"));
        await store.SaveAsync(conversation, CancellationToken.None);

        await Eventually.ReturnsAsync(() => store.DeleteExpiredAsync(CancellationToken.None), deleted => deleted == 1, "the expired conversation is swept", TimeSpan.FromSeconds(10));

        Assert.Equal(0, await store.DeleteExpiredAsync(CancellationToken.None));
    }
}
