using TacticalRag.Api.Common;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>
/// Breaks the sections of one heading into sentences, cutting any sentence longer than a chunk (in word pieces or in
/// characters) into slices of words. One pass: every word is counted once, whatever the length of the run it is in.
/// </summary>
internal static class TextPieces
{
    /// <summary>
    /// The longest word the embedder's tokenizer reads as word pieces; a longer one it reads as a single unknown token,
    /// so a chunk of such "words" would be far longer than its count says. Longer runs are cut into words of this size.
    /// </summary>
    public const int MaxWordChars = 100;

    public static List<TextPiece> Of(IEnumerable<ExtractedSection> sections, int maxTokens, int maxChars, CancellationToken cancellationToken)
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
                        cancellationToken.ThrowIfCancellationRequested();
                        foreach (var (text, tokens) in CutToFit(sentence, maxTokens, maxChars, cancellationToken))
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

    /// <summary>The sentence itself when it fits; else slices of whole words, a word over-long for a chunk cut first.</summary>
    private static IEnumerable<(string Text, int Tokens)> CutToFit(string sentence, int maxTokens, int maxChars, CancellationToken cancellationToken)
    {
        if (sentence.Length <= maxChars && LongestWord(sentence) <= MaxWordChars)
        {
            var tokens = MiniLmWordPieces.Count(sentence);
            if (tokens <= maxTokens)
            {
                yield return (sentence, tokens);
                yield break;
            }
        }
        var slice = new List<string>();
        int sliceTokens = 0, sliceChars = 0;
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (part, partTokens) in CutWord(word, maxTokens))
            {
                if (slice.Count > 0 && (sliceTokens + partTokens > maxTokens || sliceChars + 1 + part.Length > maxChars))
                {
                    yield return (string.Join(' ', slice), sliceTokens);
                    slice.Clear();
                    sliceTokens = sliceChars = 0;
                }
                sliceChars += (slice.Count > 0 ? 1 : 0) + part.Length;
                slice.Add(part);
                sliceTokens += partTokens;
            }
        }
        if (slice.Count > 0)
        {
            yield return (string.Join(' ', slice), sliceTokens);
        }
    }

    /// <summary>
    /// A word as parts that each fit a chunk, with their counts: the word itself when short, else consecutive parts of
    /// at most <see cref="MaxWordChars"/> (and about one character a word piece, so a part fits <paramref name="maxTokens"/>),
    /// cut after punctuation where there is some near the end (a number list cuts between numbers, a URL at a slash).
    /// </summary>
    private static IEnumerable<(string Part, int Tokens)> CutWord(string word, int maxTokens)
    {
        var limit = Math.Min(MaxWordChars, maxTokens);
        if (word.Length <= limit)
        {
            return Fitted(word, maxTokens);
        }
        return Cut(word, limit).SelectMany(part => Fitted(part, maxTokens));

        static IEnumerable<string> Cut(string word, int limit)
        {
            for (var start = 0; start < word.Length;)
            {
                var end = Math.Min(start + limit, word.Length);
                if (end < word.Length)
                {
                    var soft = end;
                    while (soft > start + limit / 2 && char.IsLetterOrDigit(word[soft - 1]))
                    {
                        soft--;
                    }
                    end = soft > start + limit / 2 ? soft : end;
                    end -= char.IsHighSurrogate(word[end - 1]) && end - 1 > start ? 1 : 0;
                }
                yield return word[start..end];
                start = end;
            }
        }
    }

    /// <summary>
    /// The part with its count, or its halves when a character stands for several word pieces (Hangul syllables
    /// decompose into three): at most a few halvings of a part of <see cref="MaxWordChars"/>.
    /// </summary>
    private static IEnumerable<(string Part, int Tokens)> Fitted(string part, int maxTokens)
    {
        var tokens = MiniLmWordPieces.Count(part);
        if (tokens <= maxTokens || part.Length < 2)
        {
            return [(part, tokens)];
        }
        var middle = part.Length / 2;
        middle += char.IsHighSurrogate(part[middle - 1]) ? 1 : 0;
        return middle >= part.Length
            ? [(part, tokens)]
            : Fitted(part[..middle], maxTokens).Concat(Fitted(part[middle..], maxTokens));
    }

    private static int LongestWord(string sentence)
    {
        int longest = 0, current = 0;
        foreach (var c in sentence)
        {
            current = c == ' ' ? 0 : current + 1;
            longest = Math.Max(longest, current);
        }
        return longest;
    }
}
