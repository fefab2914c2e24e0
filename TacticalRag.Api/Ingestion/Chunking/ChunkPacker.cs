namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>
/// Packs the pieces of one section into chunks of at most <c>maxTokens</c>. When the next piece does not fit, the
/// chunk ends at its last paragraph break if that leaves it at least half full, else at the last sentence; the next
/// chunk starts with the trailing whole sentences of the one before, up to <c>overlapTokens</c>.
/// </summary>
internal sealed class ChunkPacker(int maxTokens, int overlapTokens)
{
    public IEnumerable<IReadOnlyList<TextPiece>> Pack(IReadOnlyList<TextPiece> pieces)
    {
        var current = new List<TextPiece>();
        var carried = 0; // pieces at the start of current that repeat the previous chunk
        foreach (var piece in pieces)
        {
            while (Tokens(current) + piece.Tokens > maxTokens)
            {
                if (current.Count == carried)
                {
                    // Only repeated context is left and even that crowds out the new piece: shed it from the front.
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
            }
            current.Add(piece);
        }
        if (current.Count > carried)
        {
            yield return current;
        }
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
        var overlap = new List<TextPiece>();
        var tokens = 0;
        for (var i = chunk.Count - 1; i > 0 && tokens + chunk[i].Tokens <= overlapTokens; i--)
        {
            overlap.Insert(0, chunk[i]);
            tokens += chunk[i].Tokens;
        }
        return overlap;
    }

    private static int Tokens(List<TextPiece> pieces) => pieces.Sum(piece => piece.Tokens);
}
