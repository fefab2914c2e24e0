using Microsoft.AspNetCore.Diagnostics;

namespace TacticalRag.Api.Storage;

/// <summary>
/// A request that needed the store while it was unreachable gets a 503 ProblemDetails saying so (with Retry-After),
/// not a 500: nothing was acknowledged, so the client knows to try again.
/// </summary>
internal sealed partial class StorageUnavailableHandler(IProblemDetailsService problemDetails, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFailures.IsUnavailable(exception) || context.Response.HasStarted)
        {
            return false;
        }
        LogUnavailable(logger, context.Request.Path, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "2";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable.",
                Detail = "The library's store (Redis) cannot be reached right now; nothing was changed. Try again shortly.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: the store is unreachable ({Exception})")]
    private static partial void LogUnavailable(ILogger logger, string path, string exception);
}
