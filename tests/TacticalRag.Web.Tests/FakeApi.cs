using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TacticalRag.Web.Tests;

/// <summary>
/// A real loopback HTTP server standing in for TacticalRag.Api: each test maps the endpoints it needs, answering
/// as the API would, and the server counts the requests it received per "METHOD /path".
/// </summary>
internal sealed class FakeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new();

    private FakeApi(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.Single());

    public static async Task<FakeApi> StartAsync(Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeApi(app);
        app.Use((context, next) =>
        {
            api._requests.AddOrUpdate($"{context.Request.Method} {context.Request.Path}", 1, (_, count) => count + 1);
            return next(context);
        });
        map?.Invoke(app);
        await app.StartAsync();
        return api;
    }

    /// <summary>An address where nothing listens: connecting is refused at once.</summary>
    /// <summary>
    /// An address nothing listens on: loopback's discard port, closed on these machines. A port freed by a stopped
    /// server could be taken again by another test's server running in parallel.
    /// </summary>
    public static Task<Uri> ClosedAddressAsync() => Task.FromResult(new Uri("http://127.0.0.1:9/"));

    public int Requests(string methodAndPath) => _requests.GetValueOrDefault(methodAndPath);

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

    public static RequestDelegate Json(string json, int status = StatusCodes.Status200OK) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
