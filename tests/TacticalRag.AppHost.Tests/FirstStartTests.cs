using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// A newcomer's first start: local mode on empty data folders, no model server on the machine (vLLM, Ollama and the
/// reranker left out), the samples loading. Working as designed, no resource logs an error or a warning: not the API,
/// the web front end, PostgreSQL (the accounts database exists before the web queries it; the migrations history table
/// exists before EF reads it; the key ring is read after migration) nor redis-server (on a host set up as Redis
/// advises), and a model server that is not there is "not configured", not down.
/// </summary>
public sealed partial class FirstStartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task AFirstLocalStartOnEmptyDataLogsNoErrorAndNoWarningInAnyResourcesLog()
    {
        using var redisData = new TemporaryRedisData();
        using var postgresData = new TemporaryPostgresData();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            [AppHostModel.LocalInfra, redisData.Argument, postgresData.Argument, "--Logging:LogLevel:Default=Warning"],
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "cache", "api", "web" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        // Aspire fetches a resource's console only while someone watches it; a watch replays it from the process's start.
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<(string Resource, string Content)>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watchers = model.Resources.Select(resource => Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopWatching.Token))
                {
                    foreach (var line in batch)
                    {
                        lines.Enqueue((resource.Name, line.Content));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        })).ToList();
        // What a first visit does: the sign-in page (antiforgery: the key ring), and the model servers' state.
        using var web = app.CreateHttpClient("web");
        using var signIn = await web.GetAsync("/account/sign-in", timeout.Token);
        using var api = app.CreateHttpClient("api");
        api.DefaultRequestHeaders.Add("X-Api-Key", await ApiKeyAsync(app, timeout.Token));
        var backends = await api.GetStringAsync("/api/llm/backends", timeout.Token);
        var health = await api.GetStringAsync("/health", timeout.Token);
        // Late complaints (a health check's first rounds, the samples being read) have a few seconds to appear.
        await Task.Delay(TimeSpan.FromSeconds(8), timeout.Token);

        await stopWatching.CancelAsync();
        await Task.WhenAll(watchers);
        // Every resource: the projects and the servers (redis-server, postgres) alike.
        // The one warning that is the host's and not ours: redis-server's true word that this kernel may refuse its
        // background-save fork. Where the host may not change vm.overcommit_memory (eng/test.sh sets it where it may),
        // that line is expected and every other line must still be clean.
        var complaints = lines.Where(line => Complaint().IsMatch(line.Content))
            .Where(line => !(HostRefusesOvercommit() && line.Resource == "cache" && IsOvercommitWarning(line.Content)))
            .Select(line => $"{line.Resource}: {line.Content}").ToList();
        var linesRead = lines.GroupBy(line => line.Resource).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(signIn.IsSuccessStatusCode, $"sign-in page: {(int)signIn.StatusCode}");
        Assert.Contains("\"state\":\"not_configured\"", backends);
        Assert.DoesNotContain("\"state\":\"down\"", backends);
        Assert.Equal("Healthy", health);
        // The logs were there to read: each process said something (Kestrel's "Now listening", the server's start).
        Assert.All(new[] { "api", "web", "cache", "postgres" }, name => Assert.True(linesRead.GetValueOrDefault(name) > 0, $"{name} logged nothing"));
        Assert.True(complaints.Count == 0, "Complaints in the resources' logs:\n" + string.Join("\n", complaints));
    }

    /// <summary>
    /// redis-server 7.0 warns at every start when the kernel may refuse memory to its background-save fork
    /// (vm.overcommit_memory = 0), and offers no setting to stop it: the host's fix is Redis's own advice.
    /// </summary>
    private static bool IsOvercommitWarning(string line) => line.Contains("Memory overcommit must be enabled", StringComparison.Ordinal);

    private static bool HostRefusesOvercommit()
    {
        const string setting = "/proc/sys/vm/overcommit_memory";
        return File.Exists(setting) && File.ReadAllText(setting).Trim() == "0";
    }

    private static async Task<string> ApiKeyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var key = model.Resources.OfType<ParameterResource>().Single(p => p.Name == "api-key");
        return await key.GetValueAsync(cancellationToken) ?? "";
    }

    /// <summary>
    /// A line at warning level or worse: .NET's console format (<c>warn:</c>, <c>fail:</c>, <c>crit:</c>), PostgreSQL's
    /// (<c>WARNING:</c>, <c>ERROR:</c>, <c>FATAL:</c>, <c>PANIC:</c>) and Redis's (<c># WARNING</c>).
    /// </summary>
    [GeneratedRegex(@"\b(warn|fail|crit):|\b(WARNING|ERROR|FATAL|PANIC):|# WARNING")]
    private static partial Regex Complaint();
}
