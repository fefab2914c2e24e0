using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TacticalRag.Web.Tests;

/// <summary>
/// A real loopback HTTP server that stands in for TacticalRag.Api's <c>/api/llm</c> endpoints, answering as
/// each test tells it to, and counting the stream requests it received.
/// </summary>
internal sealed class FakeLlmApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _streamRequests;

    private FakeLlmApi(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.Single());

    public int StreamRequests => Volatile.Read(ref _streamRequests);

    public static async Task<FakeLlmApi> StartAsync(RequestDelegate? stream = null, RequestDelegate? backends = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeLlmApi(app);

        app.MapPost("/api/llm/stream", context =>
        {
            Interlocked.Increment(ref api._streamRequests);
            return (stream ?? NotFound)(context);
        });
        app.MapGet("/api/llm/backends", backends ?? NotFound);

        await app.StartAsync();
        return api;
    }

    /// <summary>Writes a <c>text/event-stream</c> answer, flushing after each event as the API does.</summary>
    public static RequestDelegate Sse(params string[] events) => async context =>
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var sse in events)
        {
            await context.Response.WriteAsync(sse, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    };

    public static RequestDelegate Problem(int status, string title, string detail) => context =>
        Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);

    public static RequestDelegate Json(string json) => async context =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    };

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
