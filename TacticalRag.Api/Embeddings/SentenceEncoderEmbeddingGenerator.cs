using Microsoft.Extensions.AI;
using SentenceTransformers;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// A sentence-embedding model in-process (its ONNX model ships inside its SentenceTransformers assembly): unit
/// vectors, the same whichever LLM backend is live, so a fallback never changes the embedding space.
/// </summary>
/// <remarks>
/// One encoder serves everyone: ONNX Runtime already spreads one call over every core, so a second one only competes
/// for them (docs/decisions.md has the figures). Bulk requests (document chunks) take turns, in batches of
/// <see cref="BatchSize"/>; small requests (a query and its variants) run at once beside them, so a search made while a
/// large document is being embedded does not wait for the whole document.
/// </remarks>
public sealed class SentenceEncoderEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Inputs per encoder call: batching is where the encoder's throughput comes from.</summary>
    public const int BatchSize = 32;

    /// <summary>Requests up to this many inputs skip the bulk queue.</summary>
    public const int SmallRequest = 4;

    private readonly EmbeddingModel _model;
    private readonly Lazy<ISentenceEncoder> _encoder;

    /// <summary>All cores but one (at least one): bulk embedding leaves a core free for searches and answers.</summary>
    public static int EncoderThreads { get; } = Math.Max(1, Environment.ProcessorCount - 1);
    private readonly SemaphoreSlim _bulkTurn = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata;
    private int _disposed;

    public SentenceEncoderEmbeddingGenerator(EmbeddingModel model)
    {
        _model = model;
        _metadata = new("sentence-transformers", null, model.Name, model.Dimensions);
        _encoder = new(() => (model.CreateEncoder ?? throw new InvalidOperationException($"{model.Name} is served by a model server, not in-process."))(new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            // Embedding a large document must not take every core from the requests being served meanwhile.
            IntraOpNumThreads = EncoderThreads,
            InterOpNumThreads = 1,
        }));
    }

    public EmbeddingModel Model => _model;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as string[] ?? values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0)
        {
            return result;
        }
        if (texts.Length <= SmallRequest)
        {
            await EncodeIntoAsync(texts, result, cancellationToken);
            return result;
        }

        await _bulkTurn.WaitAsync(cancellationToken);
        try
        {
            foreach (var batch in texts.Chunk(BatchSize))
            {
                await EncodeIntoAsync(batch, result, cancellationToken);
            }
        }
        finally
        {
            _bulkTurn.Release();
        }
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // Disposed twice when registered: by the container and by the pipeline that wraps it.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_encoder.IsValueCreated && _encoder.Value is IDisposable encoder)
        {
            encoder.Dispose();
        }
        _bulkTurn.Dispose();
    }

    /// <summary>
    /// A cancelled run surfaces from ONNX Runtime as its own "terminate flag" failure; it is a cancellation (the host
    /// stopping, the caller gone), so the document waits for the next start instead of being marked failed.
    /// </summary>
    private float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        try
        {
            return _encoder.Value.Encode(texts, cancellationToken);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private async Task EncodeIntoAsync(string[] texts, GeneratedEmbeddings<Embedding<float>> result, CancellationToken cancellationToken)
    {
        // CPU-bound for tens to hundreds of milliseconds: off the caller's thread.
        var vectors = await Task.Run(() => Encode(texts, cancellationToken), cancellationToken);
        var created = DateTimeOffset.UtcNow;
        foreach (var vector in vectors)
        {
            // Unit length whatever the model's pooling does, so a dot product is the cosine similarity.
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            if (norm > 0 && Math.Abs(norm - 1f) > 1e-4f)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
            }
            result.Add(new Embedding<float>(vector) { ModelId = _model.Name, CreatedAt = created });
        }
    }
}
