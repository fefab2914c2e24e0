using TacticalRag.Api.Answering;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Examples;
using TacticalRag.Api.Ingestion;
using TacticalRag.Api.Llm;
using TacticalRag.Api.OpenAi;
using TacticalRag.Api.Reranking;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Security;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Postgres;

if (args is [LibraryMigrationCommand.Name, .. var migrationArgs])
{
    return await LibraryMigrationCommand.RunAsync(migrationArgs, TimeProvider.System);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

builder.AddApiSecurity();
builder.AddLlmGateway();
builder.AddStorage();
builder.Services.AddEmbeddings();
builder.Services.AddRetrieval();
builder.AddReranking();
builder.Services.AddIngestion();
builder.Services.AddConversations();
builder.Services.AddExamples();
builder.Services.AddAnswering();
builder.Services.AddOpenAiCompatibility();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.UseApiSecurity();

var api = app.MapGroup("").RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
api.MapLlmApi();
api.MapDocumentsApi();
api.MapSearchApi();
api.MapAskApi();
api.MapConversationsApi();
api.MapExamplesApi();
api.MapOpenAiApi();
app.MapDefaultEndpoints();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
