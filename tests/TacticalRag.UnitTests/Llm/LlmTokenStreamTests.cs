using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Llm;

namespace TacticalRag.UnitTests.Llm;

/// <summary>
/// The one first-token rule and relay every streaming endpoint uses: "no backend" is known before anything is sent, the
/// first update names who writes the answer, and a break mid-answer ends the text early and says so.
/// </summary>
public sealed class LlmTokenStreamTests
{
    private static readonly LlmServedBy Vllm = new("vllm", "llama", Fallback: false);

    [Fact]
    public async Task NoBackendIsKnownWhenTheStreamIsOpenedBeforeAnyTokenIsRead()
    {
        var opened = 0;
        await Assert.ThrowsAsync<NoLlmBackendAvailableException>(() =>
            LlmTokenStream.OpenAsync(Updates(() => opened++, failFirst: new NoLlmBackendAvailableException([])), CancellationToken.None));
        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task TheFirstUpdateNamesTheBackendAndTheTextFinishAndUsageAreKept()
    {
        await using var tokens = await LlmTokenStream.OpenAsync(Updates(tokens: ["Hel", "", "lo"], usage: 7), CancellationToken.None);

        Assert.Equal(Vllm, tokens.ServedBy);
        Assert.Equal(["Hel", "lo"], await ReadAllAsync(tokens));
        Assert.Equal("Hello", tokens.Text);
        Assert.Equal("length", tokens.FinishReason);
        Assert.Equal(7, tokens.Usage?.OutputTokenCount);
        Assert.Null(tokens.Interruption);
    }

    [Fact]
    public async Task ABreakMidAnswerEndsThePiecesAndIsReportedNotThrown()
    {
        var cut = new LlmStreamInterruptedException("vllm", 1, FailureReason.StreamBroken, new IOException("reset"));
        await using var tokens = await LlmTokenStream.OpenAsync(Updates(tokens: ["Hel", "lo"], failAfter: 1, failure: cut), CancellationToken.None);

        Assert.Equal(["Hel"], await ReadAllAsync(tokens));
        Assert.Same(cut, tokens.Interruption);
        Assert.Equal("Hel", tokens.Text);
    }

    [Fact]
    public async Task AnEmptyStreamHasNoTextAndNoBackend()
    {
        await using var tokens = await LlmTokenStream.OpenAsync(Empty(), CancellationToken.None);

        Assert.Empty(await ReadAllAsync(tokens));
        Assert.Null(tokens.ServedBy);
        Assert.Equal("stop", tokens.FinishReason);
    }

    [Fact]
    public async Task AStreamIsReadOnce()
    {
        await using var tokens = await LlmTokenStream.OpenAsync(Updates(tokens: ["a"]), CancellationToken.None);
        await ReadAllAsync(tokens);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(tokens));
    }

    private static async Task<List<string>> ReadAllAsync(LlmTokenStream tokens)
    {
        List<string> pieces = [];
        await foreach (var piece in tokens.ReadAsync())
        {
            pieces.Add(piece);
        }
        return pieces;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Updates(
        Action? onStart = null, Exception? failFirst = null, string[]? tokens = null, int? failAfter = null, Exception? failure = null,
        long? usage = null)
    {
        onStart?.Invoke();
        await Task.Yield();
        if (failFirst is not null) throw failFirst;
        tokens ??= [];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (failAfter == i) throw failure!;
            var update = new ChatResponseUpdate(ChatRole.Assistant, tokens[i]);
            if (i == 0) update.SetServedBy(Vllm);
            yield return update;
        }
        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Length };
        if (usage is { } count) last.Contents.Add(new UsageContent(new UsageDetails { OutputTokenCount = count }));
        yield return last;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Empty([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield break;
    }
}
