using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Library;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Passages;
using TacticalRag.Api.Retrieval;
using TacticalRag.ServiceDefaults;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Answering;

/// <summary>
/// Answers a question from the library: rewrite a follow-up to stand alone, retrieve, ask the model with the grounded
/// prompt (through the gateway, so vLLM → Ollama failover applies), map the [n] citations back to passages, remember
/// the turn. With no model answering, the answer is the retrieved passages themselves (backend "none").
/// </summary>
public sealed class AskService(
    HybridRetriever retriever,
    IChatClient llm,
    FollowUpRewriter rewriter,
    ConversationMemory memory,
    IConversationStore conversations,
    ILibraryStore library,
    AnswerCache cache,
    IOptions<AnsweringOptions> options,
    TimeProvider time)
{
    /// <summary><paramref name="conversation"/>, when given, is one the caller owns (the endpoint checked).</summary>
    public async Task<PreparedAnswer> PrepareAsync(AskRequest request, Conversation? conversation, Caller caller, CancellationToken cancellationToken)
    {
        using var activity = TacticalRagTelemetry.ActivitySource.StartActivity("ask.prepare");
        var started = time.GetUtcNow();
        var question = request.Question!.Trim();
        var conversationId = conversation?.Id ?? ConversationMemory.NewId();
        var standalone = await rewriter.RewriteAsync(conversation, question, cancellationToken);
        var version = await library.GetVersionAsync(cancellationToken);
        var isStandalone = conversation is null || conversation.Turns.Count == 0;
        if (isStandalone && await cache.GetAsync(version, standalone, request.TopK, cancellationToken) is { } cached)
        {
            return new PreparedAnswer
            {
                ConversationId = conversationId, Conversation = conversation, Question = question, StandaloneQuestion = standalone,
                Strategy = cached.Strategy, Sources = cached.Citations, LibraryVersion = version, TopK = request.TopK,
                StartedAt = started, RetrievalTime = TimeSpan.Zero, CachedAnswer = cached, Ranking = cached.Ranking, RerankSkipped = cached.RerankSkipped,
                PassagesDropped = cached.PassagesDropped,
                Owner = caller.OwnerId,
            };
        }
        var retrievalStarted = time.GetTimestamp();
        var retrieved = await retriever.RetrieveAsync(standalone, request.TopK, cancellationToken);
        var sources = retrieved.Results.Select((r, i) =>
        {
            var excerpt = ExcerptBuilder.Build(r.Text, standalone);
            return new Citation(i + 1, r.DocumentId, r.Title, r.ChunkId, r.Text, r.Section, r.Page, excerpt.Text, excerpt.Highlights);
        }).ToArray();
        // The prompt has a size cap: the lowest-ranked passages are left out whole, and the response says how many.
        var fitting = GroundedPrompt.SourcesThatFit(standalone, sources, options.Value.MaxPromptChars);
        activity?.SetTag("tacticalrag.retrieval.strategy", retrieved.Strategy);
        activity?.SetTag("tacticalrag.prompt.passages_dropped", sources.Length - fitting);
        return new PreparedAnswer
        {
            ConversationId = conversationId, Conversation = conversation, Question = question, StandaloneQuestion = standalone,
            Strategy = retrieved.Strategy, Sources = sources[..fitting], LibraryVersion = version, TopK = request.TopK,
            StartedAt = started, RetrievalTime = time.GetElapsedTime(retrievalStarted), Ranking = retrieved.Ranking, RerankSkipped = retrieved.RerankSkipped,
            PassagesDropped = sources.Length - fitting, Owner = caller.OwnerId,
        };
    }

    public async Task<AskResponse> AnswerAsync(PreparedAnswer prepared, CancellationToken cancellationToken)
    {
        if (prepared.CachedAnswer is { } cached)
        {
            return await FinishAsync(prepared, new GeneratedAnswer(cached.Answer, cached.Backend, cached.Model, cached.Fallback, TimeSpan.Zero, Cached: true), cancellationToken);
        }
        var generationStarted = time.GetTimestamp();
        string answer;
        LlmServedBy? servedBy = null;
        if (prepared.Sources.Count == 0)
        {
            answer = RetrievalOnlyAnswer.NothingFound;
        }
        else
        {
            try
            {
                var response = await llm.GetResponseAsync(GroundedPrompt.Build(prepared.StandaloneQuestion, prepared.Sources), cancellationToken: cancellationToken);
                answer = response.Text;
                servedBy = response.GetServedBy();
            }
            catch (NoLlmBackendAvailableException)
            {
                answer = RetrievalOnlyAnswer.Compose(prepared.Sources);
            }
        }
        return await FinishAsync(prepared, new GeneratedAnswer(answer, servedBy?.Backend ?? LlmBackend.None, servedBy?.Model, servedBy?.Fallback ?? false,
            time.GetElapsedTime(generationStarted)), cancellationToken);
    }

    /// <summary>
    /// Streams the grounded answer's updates. Throws <see cref="NoLlmBackendAvailableException"/> before the first update
    /// when no model answers (the caller then sends the retrieval-only answer).
    /// </summary>
    public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(PreparedAnswer prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in llm.GetStreamingResponseAsync(GroundedPrompt.Build(prepared.StandaloneQuestion, prepared.Sources), cancellationToken: cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>Records the turn, caches a standalone written answer, and builds the response.</summary>
    public async Task<AskResponse> FinishAsync(PreparedAnswer prepared, GeneratedAnswer generated, CancellationToken cancellationToken)
    {
        var (answer, backend, model, fallback, generationTime, cached) = generated;
        // A retrieval-only answer cites exactly the passages it quotes, so its sources list and its text agree.
        var cited = backend == LlmBackend.None ? RetrievalOnlyAnswer.Quoted(prepared.Sources) : CitationParser.Cited(answer, prepared.Sources);
        var response = new AskResponse(answer, cited, backend, model, fallback, prepared.ConversationId, prepared.Strategy,
            prepared.StandaloneQuestion, cached,
            new AskTimings((long)prepared.RetrievalTime.TotalMilliseconds, (long)generationTime.TotalMilliseconds,
                (long)(time.GetUtcNow() - prepared.StartedAt).TotalMilliseconds),
            prepared.Ranking, prepared.RerankSkipped, prepared.PassagesDropped);
        await memory.AppendAsync(prepared.ConversationId, prepared.Owner, AnsweredTurn.From(prepared, response, time.GetUtcNow()), prepared.Conversation, cancellationToken);
        var standalone = prepared.Conversation is null || prepared.Conversation.Turns.Count == 0;
        if (!cached && standalone && backend != LlmBackend.None)
        {
            await cache.SetAsync(prepared.LibraryVersion, prepared.StandaloneQuestion, prepared.TopK, response, cancellationToken);
        }
        return response;
    }

    public Task<Conversation?> FindConversationAsync(string id, CancellationToken cancellationToken) => conversations.GetAsync(id, cancellationToken);
}
