using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>The conversation summary is written after the answer went out, never inside the request before <c>done</c>.</summary>
public sealed class BackgroundSummaryTests
{
    [Fact]
    public async Task DoneArrivesWhileTheSummaryModelCallIsStillWaiting()
    {
        await using var llm = await ModelServerSimulator.StartAsync(new SimulatorOptions());
        var gate = new SummaryGate();
        await using var gateway = GatewayHost.Start(llm.BaseAddress, llm.BaseAddress,
            new Dictionary<string, string?> { ["Answering:ConversationWindowTurns"] = "1" },
            services => services.AddSingleton<IChatClient>(provider => new GatedSummaryClient(provider.GetRequiredService<BackendFailoverChatClient>(), gate)));
        await gateway.Client.IngestSamplesAsync("glossary.md");
        var first = await gateway.Client.AskOkAsync("What is the PACE plan?");
        var conversationId = first.GetProperty("conversationId").GetString()!;

        // The second turn pushes the first out of a one-turn window: its summary is due, and the model call for it is held.
        // Bounded below the summary's own 30 s budget: an answer that waited for the summary would not arrive in time.
        var second = await gateway.Client.AskStreamAsync("And what does the C stand for?", conversationId).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(second.Last("done"));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(gate.Release.Task.IsCompleted);
        gate.Release.SetResult();
    }

    private sealed class SummaryGate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Holds the summarising call (recognised by its instruction) until the test lets it go; passes all else through.</summary>
    private sealed class GatedSummaryClient(IChatClient inner, SummaryGate gate) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            if (list.Exists(m => m.Role == ChatRole.System && m.Text.StartsWith("Summarise", StringComparison.Ordinal)))
            {
                gate.Entered.TrySetResult();
                await gate.Release.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }
            return await base.GetResponseAsync(list, options, cancellationToken);
        }
    }
}
