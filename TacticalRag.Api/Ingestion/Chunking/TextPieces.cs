using TacticalRag.Api.Common;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>Breaks the sections of one heading into sentences, cutting any sentence longer than a chunk by tokens.</summary>
internal static class TextPieces
{
    public static List<TextPiece> Of(IEnumerable<ExtractedSection> sections, int maxTokens)
    {
        var pieces = new List<TextPiece>();
        foreach (var section in sections)
        {
            foreach (var paragraph in section.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pieceBreak = PieceBreak.Paragraph;
                foreach (var line in paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    pieceBreak = pieceBreak == PieceBreak.Paragraph ? pieceBreak : PieceBreak.Line;
                    foreach (var sentence in SentenceSplitter.Split(line))
                    {
                        foreach (var (text, tokens) in CutToFit(sentence, maxTokens))
                        {
                            pieces.Add(new TextPiece(text, pieceBreak, section.Page, tokens));
                            pieceBreak = PieceBreak.Sentence;
                        }
                    }
                    pieceBreak = PieceBreak.Line;
                }
            }
        }
        return pieces;
    }

    /// <summary>The sentence itself when it fits; else slices of whole words, and a word longer than a chunk by characters.</summary>
    private static IEnumerable<(string Text, int Tokens)> CutToFit(string sentence, int maxTokens)
    {
        var tokens = MiniLmWordPieces.Count(sentence);
        if (tokens <= maxTokens)
        {
            yield return (sentence, tokens);
            yield break;
        }
        var slice = new List<string>();
        var sliceTokens = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(word => CutWord(word, maxTokens)))
        {
            var wordTokens = MiniLmWordPieces.Count(word);
            if (sliceTokens + wordTokens > maxTokens && slice.Count > 0)
            {
                yield return (string.Join(' ', slice), sliceTokens);
                slice.Clear();
                sliceTokens = 0;
            }
            slice.Add(word);
            sliceTokens += wordTokens;
        }
        if (slice.Count > 0)
        {
            yield return (string.Join(' ', slice), sliceTokens);
        }
    }

    /// <summary>A "word" of more pieces than a chunk holds (a hash, a run of digits), cut at the longest prefix that fits.</summary>
    private static IEnumerable<string> CutWord(string word, int maxTokens)
    {
        var rest = word;
        while (MiniLmWordPieces.Count(rest) > maxTokens)
        {
            int low = 1, high = rest.Length - 1;
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                if (MiniLmWordPieces.Count(rest[..middle]) <= maxTokens)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }
            yield return rest[..low];
            rest = rest[low..];
        }
        yield return rest;
    }
}
