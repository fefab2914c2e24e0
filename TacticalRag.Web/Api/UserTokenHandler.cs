using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using TacticalRag.Web.Circuits;

namespace TacticalRag.Web.Api;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;user token&gt;</c> for the signed-in user on whose behalf the call is made: the
/// circuit's user on an interactive page, the request's user while a page is prerendered. A call with no signed-in
/// user behind it is answered 401 here and never sent, so the API key alone (a service client) is never spent on it.
/// </summary>
public sealed class UserTokenHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http, UserTokenIssuer issuer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!issuer.IsConfigured || request.Headers.Authorization is not null)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var user = await CurrentUserAsync();
        if (user?.Identity?.IsAuthenticated != true)
        {
            return NotSignedIn(request);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(user));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> CurrentUserAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
        {
            return (await state.GetAuthenticationStateAsync()).User;
        }
        return http.HttpContext?.User;
    }

    private static HttpResponseMessage NotSignedIn(HttpRequestMessage request) => new(HttpStatusCode.Unauthorized)
    {
        RequestMessage = request,
        Content = JsonContent.Create(
            new ProblemDetails { Status = 401, Title = "Not signed in", Detail = "Sign in again to continue." },
            mediaType: new MediaTypeHeaderValue("application/problem+json")),
    };
}
