using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using TacticalRag.ModelServerSim;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// A developer's day: <c>dotnet run</c> of the AppHost, upload a document, ask about it, Ctrl+C, <c>dotnet run</c>
/// again: the document, the conversation and the accounts are still there, because the local Redis keeps an append-only file in a
/// data folder that outlives the AppHost.
/// </summary>
public sealed class RestartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AnUploadedDocumentAndAConversationAreStillThereAfterTheAppHostRestarts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var redisData = new TemporaryRedisData();
        using var postgresData = new TemporaryPostgresData();
        await using var llm = await ModelServerSimulator.StartAsync(new SimulatorOptions(), timeout.Token);
        string documentId;
        string conversationId;
        string? adminId;
        await using (var first = await StartAsync(redisData, postgresData, llm, timeout.Token))
        {
            using var api = await first.CreateApiClientAsync(timeout.Token);
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent("Relay site orders\n\nThe relay site BLUE HERON is on hill 402."u8.ToArray()), "files", "relay-orders.txt" },
            };
            using var upload = await api.PostAsync("/api/documents", form, timeout.Token);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            documentId = (string)JsonNode.Parse(await upload.Content.ReadAsStringAsync(timeout.Token))!["documents"]![0]!["id"]!;
            await PollAsync(api, $"/api/documents/{documentId}", d => (string?)d["status"] == "ready", timeout.Token);
            using var asked = await api.PostAsJsonAsync("/api/ask", new { question = "Where is the relay site BLUE HERON?" }, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            conversationId = (string)JsonNode.Parse(await asked.Content.ReadAsStringAsync(timeout.Token))!["conversationId"]!;
            adminId = await AdminIdAsync(first, timeout.Token);
            Assert.NotNull(adminId);
        }

        await using var second = await StartAsync(redisData, postgresData, llm, timeout.Token);
        using var restarted = await second.CreateApiClientAsync(timeout.Token);

        var document = JsonNode.Parse(await restarted.GetStringAsync($"/api/documents/{documentId}", timeout.Token))!;
        Assert.Equal(("relay-orders.txt", "ready"), ((string?)document["fileName"], (string?)document["status"]));
        var conversation = JsonNode.Parse(await restarted.GetStringAsync($"/api/conversations/{conversationId}", timeout.Token))!;
        Assert.Equal("Where is the relay site BLUE HERON?", (string?)conversation["turns"]![0]!["question"]);

        // The accounts too: the administrator made on the first start is the one the web finds on the second (the
        // local PostgreSQL cluster outlives the AppHost, and takes the new run's generated password).
        Assert.Equal(adminId, await AdminIdAsync(second, timeout.Token));
    }

    private static async Task<DistributedApplication> StartAsync(
        TemporaryRedisData redisData, TemporaryPostgresData postgresData, ModelServerSimulator llm, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            [
                AppHostModel.LocalInfra,
                redisData.Argument,
                postgresData.Argument,
                // The same key on both starts, as a developer's generated key is kept in user secrets between runs:
                // conversations belong to the key that started them.
                "--Parameters:api-key=restart-test-api-key-0123456789abcdef",
                // Every write on disk before it is acknowledged: however the stop ends redis-server, nothing is lost.
                "--TacticalRag:Redis:AppendFsync=always",
                "--TacticalRag:LoadSamples=false",
                $"--TacticalRag:Endpoints:Vllm={llm.BaseAddress}",
                $"--TacticalRag:Endpoints:Ollama={llm.BaseAddress}",
                "--Logging:LogLevel:Default=Warning",
            ],
            timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        return app;
    }

    private static async Task<string?> AdminIdAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", cancellationToken);
        await using var accounts = new Npgsql.NpgsqlConnection(await app.GetConnectionStringAsync("identity", cancellationToken));
        await accounts.OpenAsync(cancellationToken);
        await using var query = new Npgsql.NpgsqlCommand("SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = 'admin@localhost'", accounts);
        return (string?)await query.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<JsonNode> PollAsync(HttpClient api, string path, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var node = JsonNode.Parse(await api.GetStringAsync(path, cancellationToken))!;
            if (done(node))
            {
                return node;
            }
            await Task.Delay(250, cancellationToken);
        }
    }
}
