using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TacticalRag.Web.Security;

namespace TacticalRag.Web.Tests;

/// <summary>
/// Behind a TLS-terminating proxy (<c>X-Forwarded-Proto: https</c> from a trusted address) the front end acts as the
/// HTTPS site it is: <c>wss</c> in the Content-Security-Policy, HSTS outside Development, <c>https</c> in redirects.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task AForwardedHttpsRequestGetsHstsAWssPolicyAndHttpsRedirects()
    {
        await using var provider = await FakeApi.StartAsync(OrganisationSignInTests.MapDiscovery);
        await using var web = OrganisationSignInTests.WebWithProvider(provider.BaseAddress).WithWebHostBuilder(w => w.UseEnvironment("Production"));
        using var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://rag.example/") });

        using var page = await SendAsync(browser, "/account/sign-in", forwardedHttps: true);
        using var redirect = await SendAsync(browser, "/library", forwardedHttps: true);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("connect-src 'self' wss://rag.example", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location!.Query);
        Assert.StartsWith("https://rag.example/", query["redirect_uri"]);
    }

    [Fact]
    public async Task APlainHttpRequestGetsNeitherHstsNorWss()
    {
        await using var provider = await FakeApi.StartAsync(OrganisationSignInTests.MapDiscovery);
        await using var web = OrganisationSignInTests.WebWithProvider(provider.BaseAddress).WithWebHostBuilder(w => w.UseEnvironment("Production"));
        using var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://rag.example/") });

        using var page = await SendAsync(browser, "/account/sign-in", forwardedHttps: false);

        Assert.Contains("connect-src 'self' ws://rag.example", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("KnownProxies", "not-an-address")]
    [InlineData("KnownNetworks", "10.0.0.0/99")]
    public void AProxySettingThatDoesNotParseIsRefusedNamingIt(string setting, string value)
    {
        var settings = new ForwardedHeadersSettings();
        (setting == "KnownProxies" ? settings.KnownProxies : settings.KnownNetworks).Add(value);

        var errors = settings.Validate(new ValidationContext(settings)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains($"ForwardedHeaders:{setting}") && e.ErrorMessage.Contains(value));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient browser, string path, bool forwardedHttps)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }
        return browser.SendAsync(request);
    }
}
