using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Security;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Security;

/// <summary>Per-user rate limits, the service client's configured role, and settings refused at start.</summary>
public sealed class CallerSettingsTests
{
    [Fact]
    public async Task OneUserExhaustingItsRateLimitDoesNotLimitAnother()
    {
        await using var api = GatewayHost.Start(GatewayHost.Unreachable, GatewayHost.Unreachable, UserTokens.SecuredSettings(
            ("Security:RateLimit:BurstLimit", "3"), ("Security:RateLimit:PerSecond", "1")));

        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 10 && last != HttpStatusCode.TooManyRequests; i++)
        {
            using var alice = await api.Client.SendAsync(Get("/api/examples").AsUser(UserTokens.Mint("alice", [Roles.Reader])));
            last = alice.StatusCode;
        }
        using var bob = await api.Client.SendAsync(Get("/api/examples").AsUser(UserTokens.Mint("bob", [Roles.Reader])));
        using var service = await api.Client.SendAsync(Get("/api/examples").AsServiceClient());

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
    }

    [Fact]
    public async Task AServiceClientHasTheConfiguredRole()
    {
        await using var api = GatewayHost.Start(GatewayHost.Unreachable, GatewayHost.Unreachable, UserTokens.SecuredSettings(
            ("Security:ApiKeyRole", Roles.Reader)));

        using var list = await api.Client.SendAsync(Get("/api/documents").AsServiceClient());
        using var delete = await api.Client.SendAsync(Delete("/api/documents/abc").AsServiceClient());

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var detail = JsonDocument.Parse(await delete.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("This needs the editor role; the caller's role is reader.", detail);
    }

    [Fact]
    public async Task WithoutASigningKeyUserTokensAreRefusedSayingSo()
    {
        await using var api = GatewayHost.Start(GatewayHost.Unreachable, GatewayHost.Unreachable,
            new Dictionary<string, string?> { ["Security:ApiKey"] = UserTokens.ApiKey });

        using var response = await api.Client.SendAsync(Get("/api/documents").AsUser(UserTokens.Mint("alice", [Roles.Admin])));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Security:UserTokens:SigningKey is not set", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InOpenModeAUserTokenStillLimitsTheUserToItsRole()
    {
        await using var api = GatewayHost.Start(GatewayHost.Unreachable, GatewayHost.Unreachable,
            new Dictionary<string, string?> { ["Security:UserTokens:SigningKey"] = UserTokens.SigningKey });

        using var anonymous = await api.Client.SendAsync(Get("/api/llm/fallbacks"));
        using var reader = await api.Client.SendAsync(Get("/api/llm/fallbacks").AsUser(UserTokens.Mint("alice", [Roles.Reader]), apiKey: null));

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    /// <summary>Checked on the security registration itself, the way ValidateOnStart resolves it at start.</summary>
    [Theory]
    [InlineData("Security:ApiKeyRole", "boss", "Security:ApiKeyRole 'boss' is not a role")]
    [InlineData("Security:UserTokens:SigningKey", "too-short", "Security:UserTokens:SigningKey must be at least 32 bytes")]
    public void AnInvalidSecuritySettingIsRefusedNamingIt(string setting, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(setting, value)]);
        builder.AddApiSecurity();
        using var host = builder.Build();

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SecurityOptions>>().Value);

        Assert.Contains(message, failure.Message);
    }
}
