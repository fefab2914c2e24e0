using System.Net;
using System.Text.Json;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>The three things a caller can get when a model server misbehaves, each checked the way the caller sees it.</summary>
public static class OutcomeAssertions
{
    /// <summary>A whole answer from <paramref name="backend"/>: the model's text, who served it, and for ask its sources.</summary>
    public static void AssertAnsweredBy(this GenerationOutcome outcome, string backend, string model, bool fallback, string question)
    {
        Assert.True(outcome.Status == HttpStatusCode.OK, outcome.ToString());
        JsonElement servedBy;
        string text;
        if (outcome.IsStream)
        {
            var stream = outcome.Stream!;
            Assert.True(outcome.MediaType == "text/event-stream", outcome.ToString());
            Assert.True(stream.Last("error") is null, outcome.ToString());
            Assert.True(stream.Events.Count(e => e.Event == "token") > 1, $"tokens arrive one by one: {outcome}");
            servedBy = stream.Last("done") ?? throw new Xunit.Sdk.XunitException($"no done event: {outcome}");
            text = stream.Text;
            if (outcome.IsAsk)
            {
                AssertSourcesFirst(outcome);
            }
        }
        else
        {
            servedBy = outcome.Json;
            text = servedBy.GetProperty(outcome.IsAsk ? "answer" : "text").GetString()!;
            if (outcome.IsAsk)
            {
                Assert.NotEmpty(servedBy.GetProperty("citations").EnumerateArray());
            }
        }
        Assert.True(backend == servedBy.GetProperty("backend").GetString(), outcome.ToString());
        Assert.Equal(model, servedBy.GetProperty("model").GetString());
        Assert.Equal(fallback, servedBy.GetProperty("fallback").GetBoolean());
        Assert.StartsWith($"Simulated answer from {model}", text);
        Assert.Contains(question, text);
    }

    /// <summary>Tokens from <paramref name="backend"/>, then an <c>error</c> event naming it, and no <c>done</c>: no silent switch mid-answer.</summary>
    public static void AssertCutMidAnswer(this GenerationOutcome outcome, string backend)
    {
        Assert.True(outcome.IsStream, "only a stream can be cut after its first token reached the caller");
        Assert.True(outcome.Status == HttpStatusCode.OK && outcome.MediaType == "text/event-stream", outcome.ToString());
        var stream = outcome.Stream!;
        Assert.NotEmpty(stream.Text);
        Assert.True(stream.Last("done") is null, outcome.ToString());
        var error = stream.Last("error") ?? throw new Xunit.Sdk.XunitException($"no error event: {outcome}");
        Assert.Contains(backend, error.GetProperty("detail").GetString());
        Assert.Equal("error", stream.Events[^1].Event);
        if (outcome.IsAsk)
        {
            AssertSourcesFirst(outcome);
        }
    }

    /// <summary>No model answered: the LLM endpoints say 503 with a ProblemDetails; ask answers with the passages, backend "none".</summary>
    public static void AssertNoModelAnswered(this GenerationOutcome outcome)
    {
        if (!outcome.IsAsk)
        {
            Assert.True(outcome.Status == HttpStatusCode.ServiceUnavailable, outcome.ToString());
            Assert.Equal("application/problem+json", outcome.MediaType);
            Assert.Equal("No LLM backend answered.", outcome.Json.GetProperty("title").GetString());
            Assert.NotEmpty(outcome.Json.GetProperty("failures").EnumerateArray());
            return;
        }
        Assert.True(outcome.Status == HttpStatusCode.OK, outcome.ToString());
        JsonElement answer;
        string text;
        if (outcome.IsStream)
        {
            AssertSourcesFirst(outcome);
            Assert.True(outcome.Stream!.Last("error") is null, outcome.ToString());
            answer = outcome.Stream.Last("done") ?? throw new Xunit.Sdk.XunitException($"no done event: {outcome}");
            text = outcome.Stream.Text;
        }
        else
        {
            answer = outcome.Json;
            text = answer.GetProperty("answer").GetString()!;
            Assert.NotEmpty(answer.GetProperty("citations").EnumerateArray());
        }
        Assert.True(answer.GetProperty("backend").GetString() == LlmBackend.None, outcome.ToString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("model").ValueKind);
        Assert.StartsWith(RetrievalOnlyAnswer.Heading, text);
    }

    private static void AssertSourcesFirst(GenerationOutcome outcome)
    {
        var first = outcome.Stream!.Events[0];
        Assert.Equal("citations", first.Event);
        Assert.NotEmpty(first.Data.GetProperty("citations").EnumerateArray());
    }
}
