namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>
/// Packs the pieces of one section into chunks of at most <c>maxTokens</c> word pieces and <c>maxChars</c> characters.
/// When the next piece does not fit, the chunk ends at its last paragraph break if that leaves it at least half full,
/// else at the last sentence; the next chunk starts with the trailing whole sentences of the one before, up to
/// <c>overlapTokens</c>. Sizes are kept as running totals, so packing is linear in the pieces.
/// </summary>
internal sealed class ChunkPacker(int maxTokens, int overlapTokens, int maxChars)
{
    public IEnumerable<IReadOnlyList<TextPiece>> Pack(IReadOnlyList<TextPiece> pieces, CancellationToken cancellationToken = default)
    {
        var current = new List<TextPiece>();
        var carried = 0; // pieces at the start of current that repeat the previous chunk
        int tokens = 0, chars = 0;
        foreach (var piece in pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (tokens + piece.Tokens > maxTokens || chars + Joined(current.Count, piece) > maxChars)
            {
                if (current.Count == carried)
                {
                    // Only repeated context is left and even that crowds out the new piece: shed it from the front.
                    tokens -= current[0].Tokens;
                    chars -= current[0].Text.Length + (current.Count > 1 ? current[1].Separator.Length : 0);
                    current.RemoveAt(0);
                    carried--;
                    continue;
                }
                var cut = CutIndex(current, carried);
                var chunk = current[..cut];
                yield return chunk;
                var overlap = Overlap(chunk);
                current = [.. overlap, .. current[cut..]];
                carried = overlap.Count;
                (tokens, chars) = Size(current);
            }
            chars += Joined(current.Count, piece);
            tokens += piece.Tokens;
            current.Add(piece);
        }
        if (current.Count > carried)
        {
            yield return current;
        }
    }

    /// <summary>Characters a piece adds to a chunk of <paramref name="count"/> pieces: its separator unless it comes first.</summary>
    private static int Joined(int count, TextPiece piece) => piece.Text.Length + (count > 0 ? piece.Separator.Length : 0);

    private static (int Tokens, int Chars) Size(List<TextPiece> pieces)
    {
        int tokens = 0, chars = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            tokens += pieces[i].Tokens;
            chars += Joined(i, pieces[i]);
        }
        return (tokens, chars);
    }

    private int CutIndex(List<TextPiece> current, int carried)
    {
        var tokensBefore = 0;
        var best = current.Count;
        for (var i = 0; i < current.Count; i++)
        {
            if (i > carried && current[i].Break == PieceBreak.Paragraph && tokensBefore * 2 >= maxTokens)
            {
                best = i;
            }
            tokensBefore += current[i].Tokens;
        }
        return best;
    }

    private List<TextPiece> Overlap(List<TextPiece> chunk)
    {
        // Bounded in characters too (half a chunk), or pieces the embedder does not count could carry a whole chunk over.
        var overlap = new List<TextPiece>();
        int tokens = 0, chars = 0;
        for (var i = chunk.Count - 1; i > 0 && tokens + chunk[i].Tokens <= overlapTokens && chars + chunk[i].Text.Length + 2 <= maxChars / 2; i--)
        {
            overlap.Insert(0, chunk[i]);
            tokens += chunk[i].Tokens;
            chars += chunk[i].Text.Length + 2;
        }
        return overlap;
    }
}
