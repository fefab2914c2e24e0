using Lucene.Net.Analysis.TokenAttributes;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>
/// Scripts written without spaces between words, which PostgreSQL cannot split: on the PostgreSQL engine a word from
/// the middle of a passage finds it, read as the embedded engine reads that language (<see cref="KeywordAnalyzers"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUnspacedScriptTests(PostgresServer postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Dictionary<string, string> s_passages = new()
    {
        ["zh"] = "烧伤的伤口要用干净的布盖住",
        ["ja"] = "やけどの傷口は清潔な布で覆ってください",
        ["th"] = "ผมชอบเรียนภาษาไทยทุกวัน",
        ["lo"] = "ຂ້ອຍຮຽນພາສາລາວທຸກມື້",
        ["km"] = "ខ្ញុំរៀនភាសាខ្មែររាល់ថ្ងៃ",
        ["my"] = "ကျွန်တော်မြန်မာစာသင်နေတယ်",
    };

    [Theory]
    [InlineData("zh")]
    [InlineData("ja")]
    [InlineData("th")]
    [InlineData("lo")]
    [InlineData("km")]
    [InlineData("my")]
    public async Task AWordFromInsideAPassageFindsItFirst(string language)
    {
        await using var database = new PostgresLibraryDatabase(await postgres.CreateDatabaseAsync(), null, 384);
        var store = new PostgresLibraryStore(database);
        var id = NewId();
        var chunks = Chunks(id, s_passages.Count + 2)
            .Select((c, i) => i < s_passages.Count ? c with { Text = s_passages.Values.ElementAt(i), Language = s_passages.Keys.ElementAt(i) } : c with { Language = "en" })
            .ToList();
        await store.TryAddDocumentAsync(Document(id, chunks: chunks.Count), chunks, None);
        var passage = s_passages[language];
        // A word of the passage as the embedded engine splits it: shorter than the passage, so PostgreSQL alone would miss it.
        var word = Terms(language, passage).Where(t => t.Length < passage.Length).MaxBy(t => t.Length)!;
        var engine = new PostgresSearchEngine(database, Microsoft.Extensions.Options.Options.Create(new Api.Storage.LibraryEngineOptions()), TimeProvider.System);

        var found = await engine.SearchKeywordsAsync(word, 5, None);

        Assert.Equal(chunks.Single(c => c.Language == language).Id, found.First().ChunkId);
    }

    private static List<string> Terms(string language, string text)
    {
        using var stream = KeywordAnalyzers.For(language).GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var terms = new List<string>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
