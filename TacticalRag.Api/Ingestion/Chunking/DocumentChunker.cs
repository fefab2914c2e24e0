using Microsoft.Extensions.Options;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Languages;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>
/// Cuts an extracted document into chunks sized in the embedder's word pieces: never across two headings, preferably
/// at paragraph breaks, else between sentences, with a few trailing sentences repeated into the next chunk so that a
/// fact split by a cut is still whole in one of them. Each chunk gets the language it is written in: a document may
/// mix languages, the chunk is the unit. Deterministic: the same document gives the same chunks and ids.
/// </summary>
public sealed class DocumentChunker(IOptions<ChunkingOptions> options, TextLanguageDetector languages)
{
    private readonly ChunkingOptions _options = options.Value;

    /// <summary>The document's chunks; stops with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires (the caller's time budget).</summary>
    public IReadOnlyList<DocumentChunk> Chunk(string documentId, ExtractedDocument document, CancellationToken cancellationToken = default)
    {
        var packer = new ChunkPacker(_options.MaxTokens, _options.OverlapTokens, _options.MaxChars);
        var chunks = new List<DocumentChunk>();
        foreach (var flow in SectionFlows(document.Sections))
        {
            var pieces = TextPieces.Of(flow, _options.MaxTokens, _options.MaxChars, cancellationToken);
            foreach (var packed in packer.Pack(pieces, cancellationToken))
            {
                var text = string.Concat(packed.Select((piece, i) => i == 0 ? piece.Text : piece.Separator + piece.Text));
                var ordinal = chunks.Count;
                chunks.Add(new DocumentChunk(
                    DocumentChunk.MakeId(documentId, ordinal), documentId, ordinal, text, flow[0].Heading, packed[0].Page, CountTokens(text),
                    languages.Detect(text)));
            }
        }
        return chunks;
    }

    /// <summary>Word pieces in a text as the embedder counts them, without its [CLS] and [SEP] markers.</summary>
    public int CountTokens(string text) => MiniLmWordPieces.Count(text);

    /// <summary>
    /// Groups sections into runs under one heading. A PDF gives one section per page, so a heading's text that goes on
    /// over the next page arrives as a second section with the same heading and a later page: that is one flow.
    /// </summary>
    private static List<List<ExtractedSection>> SectionFlows(IReadOnlyList<ExtractedSection> sections)
    {
        var flows = new List<List<ExtractedSection>>();
        foreach (var section in sections)
        {
            var previous = flows.Count > 0 ? flows[^1][^1] : null;
            var continuesPreviousPage = previous is not null && previous.Heading == section.Heading
                && previous.Page is { } before && section.Page is { } after && after > before;
            if (continuesPreviousPage)
            {
                flows[^1].Add(section);
            }
            else
            {
                flows.Add([section]);
            }
        }
        return flows;
    }
}
