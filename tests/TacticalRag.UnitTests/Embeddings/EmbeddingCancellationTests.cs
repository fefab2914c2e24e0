using TacticalRag.Api.Embeddings;

namespace TacticalRag.UnitTests.Embeddings;

/// <summary>Stopping the API mid-embedding (Ctrl+C) is a cancellation, not a failed document.</summary>
public sealed class EmbeddingCancellationTests
{
    [Fact]
    public async Task AnEmbeddingCancelledWhileTheModelRunsEndsAsACancellationNotAModelFailure()
    {
        using var generator = new SentenceEncoderEmbeddingGenerator(EmbeddingModel.ArcticXs);
        await generator.GenerateAsync(["warm the model up"]);
        var passage = string.Join(' ', Enumerable.Repeat("The convoy holds at the checkpoint until the route is cleared.", 20));
        var passages = Enumerable.Repeat(passage, 256).ToArray(); // several seconds of encoding on these machines

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var error = await Record.ExceptionAsync(() => generator.GenerateAsync(passages, cancellationToken: cancellation.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }
}
