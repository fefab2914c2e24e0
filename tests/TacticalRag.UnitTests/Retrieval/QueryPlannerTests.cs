using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.UnitTests.Retrieval;

public sealed class QueryPlannerTests
{
    [Theory]
    [InlineData("What is the radio check interval?")]
    [InlineData("Who approves a convoy movement?")]
    [InlineData("generator fuel capacity")]
    [InlineData("Who maintains the generator and radio?")]
    [InlineData("Where are salt and pepper stored?")]
    public void ShortSingleClauseQuestionsAreFactual(string query) =>
        Assert.Equal(QueryShape.Factual, QueryShapeClassifier.Classify(query));

    [Theory]
    [InlineData("Compare the field radio with the satellite terminal")]
    [InlineData("What is the difference between a FRAGO and an OPORD?")]
    [InlineData("What fuel does the generator use? How long does it run?")]
    [InlineData("What does the convoy commander check before departure and who signs the movement order?")]
    [InlineData("Describe the whole procedure for recovering a vehicle stuck in mud at night under enemy observation")]
    public void LongComparativeOrMultiPartQuestionsAreComplex(string query) =>
        Assert.Equal(QueryShape.Complex, QueryShapeClassifier.Classify(query));

    [Fact]
    public async Task AFactualQuestionTakesFourPassagesAndNoVariantsEvenWithAModel()
    {
        var model = new FakeChatClient((_, _) => Task.FromResult("another phrasing"));
        var plan = await Planner(model).PlanAsync("What is the radio check interval?", topK: null, CancellationToken.None);

        Assert.Equal((RetrievalStrategy.Factual, 4), (plan.Strategy, plan.TopK));
        Assert.Empty(plan.Variants);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task AComplexQuestionTakesEightPassagesAndTheModelsVariants()
    {
        var model = new FakeChatClient((_, _) => Task.FromResult("1. How do the two radios differ?\n2. \"Radio versus terminal range\"\n3. Third one"));
        var plan = await Planner(model).PlanAsync("Compare the field radio with the satellite terminal", topK: null, CancellationToken.None);

        Assert.Equal((RetrievalStrategy.ComplexWithVariants, 8), (plan.Strategy, plan.TopK));
        Assert.Equal(["How do the two radios differ?", "Radio versus terminal range"], plan.Variants);
    }

    [Fact]
    public async Task AnExplicitTopKReplacesThePlannersChoice()
    {
        var plan = await Planner(model: null).PlanAsync("Compare the field radio with the satellite terminal", topK: 3, CancellationToken.None);

        Assert.Equal((RetrievalStrategy.Complex, 3), (plan.Strategy, plan.TopK));
    }

    [Fact]
    public async Task AComplexQuestionGoesOnWithoutVariantsWhenNoBackendAnswers()
    {
        var model = new FakeChatClient((_, _) => throw new NoLlmBackendAvailableException([]));
        var plan = await Planner(model).PlanAsync("Compare the field radio with the satellite terminal", topK: null, CancellationToken.None);

        Assert.Equal((RetrievalStrategy.Complex, 8), (plan.Strategy, plan.TopK));
        Assert.Empty(plan.Variants);
    }

    [Fact]
    public async Task AComplexQuestionGoesOnWithoutVariantsWhenTheModelIsTooSlow()
    {
        var model = new FakeChatClient(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        });
        var plan = await Planner(model, variantTimeout: TimeSpan.FromMilliseconds(50))
            .PlanAsync("Compare the field radio with the satellite terminal", topK: null, CancellationToken.None);

        Assert.Equal(RetrievalStrategy.Complex, plan.Strategy);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotMistakenForASlowModel()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var model = new FakeChatClient(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Planner(model).PlanAsync("Compare the field radio with the satellite terminal", topK: null, cancelled.Token));
    }

    [Fact]
    public void VariantsDropListMarkersQuotesBlankLinesAndRepeatsOfTheQuestion()
    {
        var variants = QueryVariantWriter.ParseVariants(
            "Here are rephrasings:\n\n- What is X?\n* what is x?\n2) \"How is Y done\"\nWhat is the question?", "What is the question?", 5);

        Assert.Equal(["What is X?", "How is Y done"], variants);
    }

    private static QueryPlanner Planner(IChatClient? model, TimeSpan? variantTimeout = null)
    {
        var options = Options.Create(new RetrievalOptions { QueryVariantTimeout = variantTimeout ?? TimeSpan.FromSeconds(30) });
        return new QueryPlanner(options, new QueryVariantWriter(options, NullLogger<QueryVariantWriter>.Instance, model));
    }
}
