using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Library;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Passages;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Security;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Answering;

/// <summary>
/// Answers a question from the library: rewrite a follow-up to stand alone, retrieve, ask the model with the grounded
/// prompt (through the gateway, so vLLM → Ollama failover applies), map the [n] citations back to passages, remember
/// the turn. With no model answering, the answer is the retrieved passages themselves (backend "none").
/// <para>Every way an answer can go (from the cache, nothing found, no model, written, broken off mid-way) is decided
/// here, once, and told as <see cref="AnswerEvent"/>s: <c>/api/ask</c> collects them, <c>/api/ask/stream</c> writes
/// them as SSE, <c>/v1/chat/completions</c> maps them to OpenAI's shapes.</para>
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
    /// <summary>
    /// The answer to <paramref name="request"/>'s question as events. <paramref name="conversation"/>, when given, is
    /// one the caller owns (the endpoint checked); the turn is recorded in it, or in a new conversation of
    /// <paramref name="caller"/>'s.
    /// </summary>
    public async IAsyncEnumerable<AnswerEvent> AnswerAsync(
        AskRequest request, Conversation? conversation, Caller caller, AnswerDelivery delivery,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var question = new Question(request.Question!.Trim(), conversation, caller.OwnerId, request.TopK, started);
        var standalone = await rewriter.RewriteAsync(conversation, question.Text, cancellationToken);
        var conversationId = conversation?.Id ?? ConversationMemory.NewId();
        var version = await library.GetVersionAsync(cancellationToken);
        if (question.StartsConversation && await cache.GetAsync(version, standalone, request.TopK, cancellationToken) is { } cached)
        {
            var grounding = cached.Grounding with { ConversationId = conversationId, StandaloneQuestion = standalone };
            yield return new AnswerSources(grounding);
            yield return new AnswerStarted(cached.Author);
            if (cached.Answer.Length > 0) yield return new AnswerToken(cached.Answer);
            yield return new AnswerDone(await RecordAsync(question, cached with
            {
                Grounding = grounding, Cached = true, Timings = new AskTimings(0, 0, (long)time.GetElapsedTime(started).TotalMilliseconds),
            }, cancellationToken));
            yield break;
        }

        var retrieval = await RetrieveAsync(standalone, conversationId, request.TopK, cancellationToken);
        yield return new AnswerSources(retrieval.Grounding);
        await foreach (var step in GenerateAsync(question, retrieval, version, delivery, cancellationToken))
        {
            yield return step;
        }
    }

    public Task<Conversation?> FindConversationAsync(string id, CancellationToken cancellationToken) => conversations.GetAsync(id, cancellationToken);

    private async Task<Retrieved> RetrieveAsync(string standalone, string conversationId, int? topK, CancellationToken cancellationToken)
    {
        using var activity = TacticalRagTelemetry.ActivitySource.StartActivity("ask.prepare");
        var started = time.GetTimestamp();
        var retrieved = await retriever.RetrieveAsync(standalone, topK, cancellationToken);
        var sources = retrieved.Results.Select((r, i) =>
        {
            var excerpt = ExcerptBuilder.Build(r.Text, standalone);
            return new Citation(i + 1, r.DocumentId, r.Title, r.ChunkId, r.Text, r.Section, r.Page, excerpt.Text, excerpt.Highlights);
        }).ToArray();
        // The prompt has a size cap: the lowest-ranked passages are left out whole, and the response says how many.
        var fitting = GroundedPrompt.SourcesThatFit(standalone, sources, options.Value.MaxPromptChars);
        activity?.SetTag("tacticalrag.retrieval.strategy", retrieved.Strategy.WireName());
        activity?.SetTag("tacticalrag.prompt.passages_dropped", sources.Length - fitting);
        var grounding = new AnswerGrounding(sources[..fitting], retrieved.Strategy, conversationId, standalone, retrieved.Ranking,
            retrieved.RerankSkipped, sources.Length - fitting);
        return new Retrieved(grounding, time.GetElapsedTime(started), GroundedPrompt.Build(standalone, grounding.Citations));
    }

    /// <summary>
    /// The one place the model is asked: nothing found, no backend (the retrieval-only answer), a whole answer, a streamed
    /// one, or one broken off mid-way.
    /// </summary>
    private async IAsyncEnumerable<AnswerEvent> GenerateAsync(
        Question question, Retrieved retrieval, long libraryVersion, AnswerDelivery delivery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sources = retrieval.Grounding.Citations;
        if (sources.Count == 0)
        {
            await foreach (var step in WholeAsync(question, retrieval, libraryVersion, new Written(RetrievalOnlyAnswer.NothingFound, AnswerAuthor.RetrievalOnly, "stop"),
                               TimeSpan.Zero, cancellationToken))
                yield return step;
            yield break;
        }
        var prompt = retrieval.Prompt;
        var generationStarted = time.GetTimestamp();
        if (delivery == AnswerDelivery.Whole)
        {
            var written = await AskWholeAsync(prompt, cancellationToken) ?? RetrievalOnly(sources);
            await foreach (var step in WholeAsync(question, retrieval, libraryVersion, written, time.GetElapsedTime(generationStarted), cancellationToken))
                yield return step;
            yield break;
        }

        LlmTokenStream? tokens;
        try
        {
            tokens = await LlmTokenStream.OpenAsync(llm.GetStreamingResponseAsync(prompt, cancellationToken: cancellationToken), cancellationToken);
        }
        catch (NoLlmBackendAvailableException)
        {
            tokens = null;
        }
        if (tokens is null)
        {
            await foreach (var step in WholeAsync(question, retrieval, libraryVersion, RetrievalOnly(sources), TimeSpan.Zero, cancellationToken))
                yield return step;
            yield break;
        }
        await using (tokens)
        {
            var author = AuthorOf(tokens.ServedBy);
            yield return new AnswerStarted(author);
            await foreach (var piece in tokens.ReadAsync(cancellationToken))
            {
                yield return new AnswerToken(piece);
            }
            if (tokens.Interruption is { } interruption)
            {
                // The tokens sent are not an answer: nothing is recorded or cached, the caller is told.
                yield return new AnswerFailed(interruption.Message);
                yield break;
            }
            yield return new AnswerDone(await FinishAsync(question, retrieval, libraryVersion,
                new Written(tokens.Text, author, tokens.FinishReason), time.GetElapsedTime(generationStarted), cancellationToken));
        }
    }

    /// <summary>The model's whole answer in one call; null when no backend answered.</summary>
    private async Task<Written?> AskWholeAsync(IReadOnlyList<ChatMessage> prompt, CancellationToken cancellationToken)
    {
        try
        {
            var response = await llm.GetResponseAsync(prompt, cancellationToken: cancellationToken);
            return new Written(response.Text, AuthorOf(response.GetServedBy()), LlmTokenStream.FinishReasonOf(response.FinishReason));
        }
        catch (NoLlmBackendAvailableException)
        {
            return null;
        }
    }

    /// <summary>An answer known whole before it is sent (nothing found, retrieval-only, asked in one call): one token.</summary>
    private async IAsyncEnumerable<AnswerEvent> WholeAsync(
        Question question, Retrieved retrieval, long libraryVersion, Written written, TimeSpan generationTime,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new AnswerStarted(written.Author);
        if (written.Text.Length > 0)
        {
            yield return new AnswerToken(written.Text);
        }
        yield return new AnswerDone(await FinishAsync(question, retrieval, libraryVersion, written, generationTime, cancellationToken));
    }

    /// <summary>Maps the citations, records the turn, and caches an answer a model wrote to a question that stands alone.</summary>
    private async Task<AnswerOutcome> FinishAsync(
        Question question, Retrieved retrieval, long libraryVersion, Written written, TimeSpan generationTime, CancellationToken cancellationToken)
    {
        var sources = retrieval.Grounding.Citations;
        // A retrieval-only answer cites exactly the passages it quotes, so its sources list and its text agree.
        var cited = written.Author.IsModel ? CitationParser.Cited(written.Text, sources) : RetrievalOnlyAnswer.Quoted(sources);
        var timings = new AskTimings((long)retrieval.Time.TotalMilliseconds, (long)generationTime.TotalMilliseconds,
            (long)time.GetElapsedTime(question.Started).TotalMilliseconds);
        var promptCharacters = retrieval.Prompt.Sum(m => m.Text.Length);
        var outcome = await RecordAsync(question,
            new AnswerOutcome(written.Text, cited, written.Author, false, timings, retrieval.Grounding, written.FinishReason, promptCharacters), cancellationToken);
        if (question.StartsConversation && written.Author.IsModel)
        {
            await cache.SetAsync(libraryVersion, retrieval.Grounding.StandaloneQuestion, question.TopK, outcome, cancellationToken);
        }
        return outcome;
    }

    private async Task<AnswerOutcome> RecordAsync(Question question, AnswerOutcome outcome, CancellationToken cancellationToken)
    {
        await memory.AppendAsync(outcome.Grounding.ConversationId, question.Owner,
            new ConversationTurn(question.Text, outcome.Grounding.StandaloneQuestion, outcome.Answer, outcome.Author.Backend,
                outcome.Cited.Select(c => c.ChunkId).ToArray(), time.GetUtcNow()),
            question.Conversation, cancellationToken);
        return outcome;
    }

    private static Written RetrievalOnly(IReadOnlyList<Citation> sources) =>
        new(RetrievalOnlyAnswer.Compose(sources), AnswerAuthor.RetrievalOnly, "stop");

    private static AnswerAuthor AuthorOf(LlmServedBy? servedBy) =>
        servedBy is null ? AnswerAuthor.RetrievalOnly : new AnswerAuthor(servedBy.Backend, servedBy.Model, servedBy.Fallback);

    /// <summary>The question as asked, where it continues, whose it is, and when answering it started.</summary>
    private sealed record Question(string Text, Conversation? Conversation, string Owner, int? TopK, long Started)
    {
        /// <summary>Only a question that starts a conversation stands alone as asked, so only its answer is cached.</summary>
        public bool StartsConversation => Conversation is null || Conversation.Turns.Count == 0;
    }

    /// <summary>What retrieval found, how long it took, and the grounded prompt built from it.</summary>
    private sealed record Retrieved(AnswerGrounding Grounding, TimeSpan Time, IReadOnlyList<ChatMessage> Prompt);

    private sealed record Written(string Text, AnswerAuthor Author, string FinishReason);
}
