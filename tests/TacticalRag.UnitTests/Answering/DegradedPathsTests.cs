using TacticalRag.Api.Answering;
using TacticalRag.Api.Conversations;

namespace TacticalRag.UnitTests.Answering;

public sealed class DegradedPathsTests
{
    [Fact]
    public void RetrievalOnlyAnswerLabelsItselfAndQuotesTheTopPassagesWithWhereTheyCameFrom()
    {
        Citation[] passages =
        [
            new(1, "d1", "Radio manual", "c1", "Battery life: 18 hours.", "Specifications", 2),
            new(2, "d2", "Convoy SOP", "c2", new string('x', 1000), null, null),
        ];

        var text = RetrievalOnlyAnswer.Compose(passages);

        Assert.StartsWith(RetrievalOnlyAnswer.Heading, text);
        Assert.Contains("[1] Radio manual — Specifications (page 2):", text);
        Assert.Contains("> Battery life: 18 hours.", text);
        Assert.Contains("…", text);
    }

    [Fact]
    public void RetrievalOnlyAnswerShowsEachPassagesExcerptWithTheQuestionsWordsInBold()
    {
        var chunk = new string('x', 500) + " The AN/PRC-990 battery lasts 18 hours.";
        var excerpt = TacticalRag.Api.Passages.ExcerptBuilder.Build(chunk, "What is the battery life of the AN/PRC-990?");
        Citation[] passages = [new(1, "d1", "Radio manual", "c1", chunk, null, null, excerpt.Text, excerpt.Highlights)];

        var text = RetrievalOnlyAnswer.Compose(passages);

        Assert.True(text.Contains("> … The AN/**PRC**-**990 battery** lasts 18 hours.", StringComparison.Ordinal), text);
        Assert.DoesNotContain(new string('x', 50), text);
        Assert.Equal(RetrievalOnlyAnswer.NothingFound, RetrievalOnlyAnswer.Compose([]));
    }

    [Theory]
    [InlineData("What is the TG-45's output?", "And its oil interval?", "And its oil interval? TG-45")]
    [InlineData("What does Shared MIME-info Database say about 1.2. What is this spec??",
        "And what does a higher priority mean for magic rules?", "And what does a higher priority mean for magic rules? Shared MIME-info Database")]
    [InlineData("What does the PACE plan say about lost communications?", "Who decides?", "Who decides? PACE")]
    [InlineData("How often is the generator serviced?", "And the oil?", "And the oil? generator serviced")]
    [InlineData("What is the AN/PRC-990 battery life?", "And the AN/PRC-990 weight?", "And the AN/PRC-990 weight? battery life")]
    public void WithoutAModelAFollowUpIsSearchedAsItsOwnWordsPlusTheConversationsTopic(string previous, string followUp, string expected)
    {
        var conversation = Conversation((previous, previous));

        Assert.Equal(expected, FollowUpRewriter.WithoutModel(conversation, followUp));
    }

    [Fact]
    public void TheRewritePromptShowsRecentTurnsAndTheFollowUp()
    {
        var conversation = Conversation(("Q1", "Standalone 1"), ("Q2", "Standalone 2")) with { Summary = "Talked about radios." };

        var prompt = FollowUpRewriter.BuildPrompt(conversation, "what about its weight?");

        Assert.Contains("Earlier: Talked about radios.", prompt[1].Text);
        Assert.Contains("User: Standalone 2", prompt[1].Text);
        Assert.EndsWith("Follow-up question: what about its weight?", prompt[1].Text);
    }

    [Fact]
    public void WithoutAModelOlderTurnsAreSummarisedAsTheirQuestions()
    {
        var turns = Conversation(("a", "First question?"), ("b", "Second question?")).Turns;

        Assert.Equal("Earlier questions: First question?; Second question?", ConversationMemory.WithoutModel(null, turns));
        Assert.Equal("Before. Then asked: First question?; Second question?", ConversationMemory.WithoutModel("Before.", turns));
    }

    [Theory]
    [InlineData("What is EMCON 1?", "what is emcon 1")]
    [InlineData("  What   is EMCON 1 ", "what is EMCON 1?")]
    public void TheAnswerCacheKeyIgnoresCaseSpacingAndEndPunctuation(string one, string other) =>
        Assert.Equal(AnswerCache.Key(3, one, null), AnswerCache.Key(3, other, null));

    [Fact]
    public void TheAnswerCacheKeyChangesWithTheLibraryVersionAndTopK()
    {
        Assert.NotEqual(AnswerCache.Key(3, "q", null), AnswerCache.Key(4, "q", null));
        Assert.NotEqual(AnswerCache.Key(3, "q", null), AnswerCache.Key(3, "q", 5));
    }

    private static Conversation Conversation(params (string Question, string Standalone)[] turns) => new(
        "c1",
        turns.Select(t => new ConversationTurn(t.Question, t.Standalone, "answer", "vllm", [], DateTimeOffset.UnixEpoch)).ToArray(),
        null, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
