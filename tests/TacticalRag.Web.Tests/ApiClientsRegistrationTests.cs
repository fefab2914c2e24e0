using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class ApiClientsRegistrationTests
{
    public static TheoryData<string> Clients =>
        [nameof(LlmApiClient), nameof(AskApiClient), nameof(ConversationsApiClient), nameof(DocumentsApiClient), nameof(SearchApiClient)];

    [Theory]
    [MemberData(nameof(Clients))]
    public void GivesEachClientExactlyOneResilienceHandler(string client)
    {
        using var host = WebClientHost.Build(new Uri("http://127.0.0.1:1"));
        var handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client);

        var resilienceHandlers = 0;
        for (var current = handler as DelegatingHandler; current is not null; current = current.InnerHandler as DelegatingHandler)
        {
            resilienceHandlers += current is ResilienceHandler ? 1 : 0;
        }

        Assert.Equal(1, resilienceHandlers);
    }

    [Theory]
    [InlineData(nameof(AskApiClient))]
    [InlineData(nameof(DocumentsApiClient))]
    public void GivesAnswersAndUploadsMinutesRatherThanTheStandardTenSeconds(string client)
    {
        using var host = WebClientHost.Build(new Uri("http://127.0.0.1:1"));
        var options = host.Services.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get($"{client}-standard");

        Assert.True(options.AttemptTimeout.Timeout >= TimeSpan.FromMinutes(3), $"attempt timeout {options.AttemptTimeout.Timeout}");
        Assert.True(options.TotalRequestTimeout.Timeout >= options.AttemptTimeout.Timeout);
    }
}
