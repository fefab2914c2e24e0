using TacticalRag.Api.Library;

namespace TacticalRag.Bench.Suites.Retrieval;

/// <summary>
/// Chunks sized like real ones (about 130 words, the chunker's 200 word pieces) over a Zipf-distributed vocabulary,
/// as natural text is, with random unit vectors: realistic posting-list lengths for BM25 and realistic sizes for the
/// vector scan, without embedding 100k chunks (hours on 2 cores). Deterministic for a sequence.
/// </summary>
public sealed class SyntheticLibrary
{
    public const int WordsPerChunk = 130;
    public const int ChunksPerDocument = 50;
    private const int Vocabulary = 30_000;

    private readonly Random _random;
    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly int _dimensions;

    public SyntheticLibrary(int dimensions, int sequence = 42)
    {
        _dimensions = dimensions;
        _random = new Random(sequence);
        _words = Enumerable.Range(0, Vocabulary).Select(_ => Word()).ToArray();
        _cumulative = new double[Vocabulary];
        var total = 0.0;
        for (var rank = 0; rank < Vocabulary; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, 1.05);
            _cumulative[rank] = total;
        }
        for (var rank = 0; rank < Vocabulary; rank++)
        {
            _cumulative[rank] /= total;
        }
    }

    /// <summary>
    /// Documents of <see cref="ChunksPerDocument"/> chunks, each chunk with its random vector unless
    /// <paramref name="vectors"/> is false (a caller with vectors of its own), up to <paramref name="chunks"/>.
    /// </summary>
    public IEnumerable<IReadOnlyList<IndexedChunk>> Documents(int chunks, bool vectors = true)
    {
        for (var first = 0; first < chunks; first += ChunksPerDocument)
        {
            var documentId = $"synthetic{first / ChunksPerDocument:D6}";
            var count = Math.Min(ChunksPerDocument, chunks - first);
            yield return Enumerable.Range(0, count)
                .Select(ordinal => new IndexedChunk(
                    new DocumentChunk(DocumentChunk.MakeId(documentId, ordinal), documentId, ordinal, Text(WordsPerChunk), $"Section {ordinal / 5}", null, 200),
                    $"Synthetic document {documentId}",
                    vectors ? UnitVector() : null))
                .ToList();
        }
    }

    /// <summary>A question-length query: a few words as frequent as the corpus's, in question form.</summary>
    public string Query() => $"What is the {Text(_random.Next(3, 8))}?";

    public float[] UnitVector()
    {
        var vector = new float[_dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            // Box-Muller: Gaussian components make the direction uniform on the sphere.
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
        return vector;
    }

    private string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => _words[WordRank()]));

    private int WordRank()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, Vocabulary - 1);
    }

    private string Word()
    {
        var letters = new char[_random.Next(3, 11)];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('a' + _random.Next(26));
        }
        return new string(letters);
    }
}
