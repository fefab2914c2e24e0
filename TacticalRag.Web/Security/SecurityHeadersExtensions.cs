namespace TacticalRag.Web.Security;

/// <summary>Response headers that keep the page from being framed, sniffed or made to run someone else's script.</summary>
public static class SecurityHeadersExtensions
{
    // Blazor Server needs only its own scripts from this origin and a WebSocket back to it: no inline script
    // (hence no <ImportMap />), no eval, no inline style (hence the ReconnectModal instead of Blazor's default
    // reconnect UI, which injects a <style> element).
    private const string ContentSecurityPolicyTemplate =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self' {0}; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = string.Format(ContentSecurityPolicyTemplate, WebSocketOrigin(context.Request));
            return next(context);
        });

    // 'self' covers ws:/wss: to the same host only in newer browsers; naming the origin keeps older ones working.
    private static string WebSocketOrigin(HttpRequest request) =>
        $"{(request.IsHttps ? "wss" : "ws")}://{request.Host.ToUriComponent()}";
}
