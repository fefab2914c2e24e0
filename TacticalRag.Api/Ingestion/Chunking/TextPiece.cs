namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>How a piece of text was separated from the one before it, which is also where a cut is most natural.</summary>
internal enum PieceBreak { Sentence, Line, Paragraph }

/// <summary>The unit the chunker packs: a sentence (or a slice of an over-long one) with its page and size.</summary>
internal sealed record TextPiece(string Text, PieceBreak Break, int? Page, int Tokens)
{
    public string Separator => Break switch
    {
        PieceBreak.Paragraph => "\n\n",
        PieceBreak.Line => "\n",
        _ => " ",
    };
}
