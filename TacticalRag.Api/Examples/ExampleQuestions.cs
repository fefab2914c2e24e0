using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using TacticalRag.Api.Library;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Examples;

/// <summary>
/// Questions to offer on an empty chat, drawn from the library: written by the model from a few passages when one
/// answers, else made from the documents' section headings. Cached per library version.
/// </summary>
public sealed class ExampleQuestions(ILibraryStore library, IChatClient llm, IDistributedCache cache)
{
    private const int MaxPassages = 6;
    private const int MaxPassageChars = 800;
    private static readonly TimeSpan ModelBudget = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<string>> GetAsync(int count, CancellationToken cancellationToken)
    {
        var version = await library.GetVersionAsync(cancellationToken);
        var key = $"examples:v{version}"; // under Storage:KeyPrefix: the cache adds it
        if (await cache.GetAsync(key, cancellationToken) is { } cached
            && JsonSerializer.Deserialize<string[]>(cached) is { Length: > 0 } known && known.Length >= count)
        {
            return known.Take(count).ToArray();
        }
        var passages = await SamplePassagesAsync(cancellationToken);
        if (passages.Count == 0)
        {
            return [];
        }
        var fromModel = await FromModelAsync(passages, count, cancellationToken);
        if (fromModel.Count > 0)
        {
            await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(fromModel), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(6) }, cancellationToken);
            return fromModel.Take(count).ToArray();
        }
        return FromHeadings(passages, count);
    }

    /// <summary>One passage from each of several documents, with a heading where the document has one.</summary>
    private async Task<List<(LibraryDocument Document, DocumentChunk Chunk)>> SamplePassagesAsync(CancellationToken cancellationToken)
    {
        List<(LibraryDocument, DocumentChunk)> passages = [];
        foreach (var document in (await library.ListDocumentsAsync(cancellationToken)).Take(MaxPassages))
        {
            var chunks = await library.GetChunksAsync(document.Id, cancellationToken);
            var chunk = chunks.FirstOrDefault(c => c.Section is { Length: > 0 } && c.Ordinal > 0) ?? chunks.FirstOrDefault();
            if (chunk is not null) passages.Add((document, chunk));
        }
        return passages;
    }

    private async Task<List<string>> FromModelAsync(List<(LibraryDocument Document, DocumentChunk Chunk)> passages, int count, CancellationToken cancellationToken)
    {
        var response = await llm.TryGetResponseAsync(BuildPrompt(passages, count), new ChatOptions { MaxOutputTokens = 300, Temperature = 0.3f }, ModelBudget, cancellationToken);
        if (response is null)
        {
            return []; // headings will do
        }
        return response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.TrimStart('-', '*', '•', ' ', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '.', ')').Trim())
            .Where(line => line.EndsWith('?') && line.Length is > 8 and < 200)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The request for questions (<see cref="ExampleQuestionsPrompt"/>), each passage cut to its excerpt.</summary>
    internal static string BuildPrompt(IReadOnlyList<(LibraryDocument Document, DocumentChunk Chunk)> passages, int count) =>
        ExampleQuestionsPrompt.Build(passages.Select(p => new QuotedPassage(p.Document.Title, Excerpt(p.Chunk.Text))).ToList(), count);

    /// <summary>The passage's first <see cref="MaxPassageChars"/> characters, never ending inside a surrogate pair.</summary>
    internal static string Excerpt(string text)
    {
        if (text.Length <= MaxPassageChars)
        {
            return text;
        }
        var end = char.IsHighSurrogate(text[MaxPassageChars - 1]) ? MaxPassageChars - 1 : MaxPassageChars;
        return text[..end];
    }

    internal static IReadOnlyList<string> FromHeadings(IReadOnlyList<(LibraryDocument Document, DocumentChunk Chunk)> passages, int count) =>
        passages
            .Select(p => HeadingQuestion.For(p.Document.Title, p.Chunk.Section))
            .Distinct()
            .Take(count)
            .ToArray();
}
