using TacticalRag.TestSupport.Evaluation;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>
/// What the suite ingests, cut in-process once so the embedder-alone runs get exactly the API's chunks: a small
/// warm-up document, the sample library, and two large synthetic documents of about the same size (one timed on an
/// idle API, one indexed while questions are asked), plus the sample question set to ask.
/// </summary>
public sealed record IngestionContent(
    ChunkedFile WarmUp, IReadOnlyList<ChunkedFile> Samples, ChunkedFile Document, ChunkedFile BusyDocument, IReadOnlyList<string> Questions)
{
    /// <summary>Enough batches for the embedding queue's code to be compiled and tiered up before anything is timed.</summary>
    private const int WarmUpChunks = 48;

    public static async Task<IngestionContent> BuildAsync(string samplesFolder, int documentChunks, CancellationToken cancellationToken)
    {
        using var chunker = new InProcessChunker();
        var manual = SyntheticManual.FromSamples(samplesFolder);
        var token = SyntheticManual.NewToken();
        var warmUp = chunker.SyntheticDocument(manual, SyntheticManual.NewToken(), WarmUpChunks, sequence: 3);
        var samples = Directory.EnumerateFiles(samplesFolder).Order(StringComparer.Ordinal)
            .Select(path => chunker.Chunk(Path.GetFileName(path), File.ReadAllBytes(path)))
            .ToList();
        var document = chunker.SyntheticDocument(manual, token, documentChunks, sequence: 1);
        var busyDocument = chunker.SyntheticDocument(manual, SyntheticManual.NewToken(), documentChunks, sequence: 2);
        var questions = await RetrievalEvaluation.LoadQuestionsAsync(Path.Combine(samplesFolder, SampleLibrary.QuestionsFile), cancellationToken);
        return new IngestionContent(warmUp, samples, document, busyDocument, questions.Select(q => q.Question).ToList());
    }
}

/// <summary>
/// The sample questions in turn, each made unique with a nonsense word, so neither the answer cache nor the query
/// embedding cache can answer: every search embeds its query and every ask retrieves and generates.
/// </summary>
public sealed class UniqueQuestions(IReadOnlyList<string> questions)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private int _next;

    public string Next()
    {
        var n = _next++;
        return $"{questions[n % questions.Count]} zq{_run}{n}";
    }
}
