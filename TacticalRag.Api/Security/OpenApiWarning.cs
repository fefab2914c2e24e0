using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

/// <summary>Says once at start when the API is open to anyone who can reach it.</summary>
internal sealed partial class OpenApiWarning(IOptions<SecurityOptions> security, ILogger<OpenApiWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (security.Value.ApiKey is not { Length: > 0 })
        {
            LogOpen(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Security:ApiKey is configured: the API accepts requests without an X-Api-Key. Set one before exposing it.")]
    private static partial void LogOpen(ILogger logger);
}
