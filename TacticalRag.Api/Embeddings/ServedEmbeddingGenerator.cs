using System.ClientModel;
using System.Net.Sockets;
using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// A model server's embeddings (OllamaSharp's <c>/api/embed</c> client or the OpenAI SDK's <c>/v1/embeddings</c>
/// client underneath) made safe to build a library on: batches of <see cref="BatchSize"/>, each bounded in time, every
/// failure of the server one <see cref="EmbeddingServerException"/> with its <see cref="EmbeddingFailure"/>, vectors
/// checked to be one per input and of the library's size, and scaled to unit length. Calls feed
/// <see cref="EmbeddingServerState"/>; the generator for queries skips a server known down without calling it.
/// </summary>
internal sealed class ServedEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> inner,
    EmbeddingModel model,
    EmbeddingServerState state,
    TimeSpan timeout,
    bool skipWhenKnownDown,
    int? requestDimensions,
    TimeProvider time) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Inputs per request: text-embeddings-inference refuses more than its <c>--max-client-batch-size</c> (32 unless set).</summary>
    public const int BatchSize = 32;

    private readonly EmbeddingGeneratorMetadata _metadata = new(model.Provider.ToString().ToLowerInvariant(), null, model.ServedModel, model.Dimensions);

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
        if (skipWhenKnownDown && state.IsKnownDown)
        {
            throw new EmbeddingServerException(EmbeddingFailure.Down, state.Current.LastError ?? "the health probe finds it down");
        }

        var request = requestDimensions is { } dimensions ? new EmbeddingGenerationOptions { Dimensions = dimensions } : null;
        foreach (var batch in texts.Chunk(BatchSize))
        {
            var embeddings = await CallAsync(batch, request, cancellationToken);
            var created = time.GetUtcNow();
            foreach (var embedding in embeddings)
            {
                var vector = embedding.Vector.ToArray();
                var norm = TensorPrimitives.Norm(vector);
                if (norm > 0)
                {
                    // Unit length whatever the server does, so a dot product is the cosine similarity.
                    TensorPrimitives.Divide(vector, norm, vector);
                }
                result.Add(new Embedding<float>(vector) { ModelId = model.Name, CreatedAt = created });
            }
        }
        state.MarkUp(time.GetUtcNow());
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

    public void Dispose() => inner.Dispose();

    private async Task<GeneratedEmbeddings<Embedding<float>>> CallAsync(string[] batch, EmbeddingGenerationOptions? request, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await inner.GenerateAsync(batch, request, bounded.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(EmbeddingFailure.Timeout, $"no answer within {timeout.TotalSeconds:0.###} s", exception);
        }
        catch (Exception exception) when (Classify(exception) is { } failure)
        {
            throw Failed(failure.Failure, failure.Detail, exception);
        }

        if (embeddings.Count != batch.Length)
        {
            throw Failed(EmbeddingFailure.Malformed, $"{embeddings.Count} vectors for {batch.Length} inputs", null);
        }
        if (embeddings.FirstOrDefault(e => e.Vector.Length != model.Dimensions) is { } wrong)
        {
            throw Failed(EmbeddingFailure.WrongDimensions,
                $"'{model.ServedModel}' answered {wrong.Vector.Length}-dimensional vectors where the library's are {model.Dimensions} "
                + "(check Embeddings:Model and Embeddings:Dimensions against the model the server serves)", null);
        }
        return embeddings;
    }

    private EmbeddingServerException Failed(EmbeddingFailure failure, string detail, Exception? inner)
    {
        if (failure is EmbeddingFailure.Unreachable or EmbeddingFailure.Timeout)
        {
            // Searches skip it at once from now on; the health probe or the next successful call brings it back.
            state.MarkDown(detail, time.GetUtcNow());
        }
        return new EmbeddingServerException(failure, detail, inner);
    }

    private static (EmbeddingFailure Failure, string Detail)? Classify(Exception exception) => exception switch
    {
        ClientResultException { Status: 0 } result => (EmbeddingFailure.Unreachable, result.InnerException?.Message ?? result.Message),
        ClientResultException result => (EmbeddingServerException.FromStatus(result.Status), $"POST /v1/embeddings answered {result.Status}: {FirstLine(result.Message)}"),
        HttpRequestException { StatusCode: { } status } http => (EmbeddingServerException.FromStatus((int)status), $"answered {(int)status}: {FirstLine(http.Message)}"),
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } http => (EmbeddingFailure.Malformed, http.Message),
        HttpRequestException http => (EmbeddingFailure.Unreachable, http.Message),
        OllamaSharp.Models.Exceptions.OllamaException ollama => (EmbeddingFailure.ServerError, FirstLine(ollama.Message)),
        SocketException socket => (EmbeddingFailure.Unreachable, socket.Message),
        JsonException or IOException or FormatException => (EmbeddingFailure.Malformed, FirstLine(exception.Message)),
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
