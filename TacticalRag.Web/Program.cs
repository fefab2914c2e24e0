using TacticalRag.Web.Accounts;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components;
using TacticalRag.Web.Components.Library;
using TacticalRag.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddForwardedHeaders();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.AddSignIn();
builder.Services.AddApiClients();
builder.Services.AddOptions<UploadOptions>()
    .BindConfiguration(UploadOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();

var app = builder.Build();

// First, so that everything after sees the client's scheme and address as the trusted proxy passed them on.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
// No HTTPS redirection here: TLS ends at whatever fronts the app (Aspire's proxy, the ingress).
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous(); // the sign-in page's styles and scripts
app.MapAccountEndpoints();
app.MapRazorComponents<App>()
    // One Content-Security-Policy header, ours, which already says frame-ancestors 'none'.
    .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
app.MapDefaultEndpoints();

app.Run();
