using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Decides how to search a query: a short factual question takes few passages; a complex one takes more and, when
/// a model answers in time, model-written rephrasings are searched beside it.
/// </summary>
public sealed class QueryPlanner(IOptions<RetrievalOptions> options, QueryVariantWriter variantWriter)
{
    /// <param name="topK">The caller's own passage count; it replaces the planner's choice.</param>
    public async Task<QueryPlan> PlanAsync(string query, int? topK, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var shape = QueryShapeClassifier.Classify(query);
        if (shape == QueryShape.Factual)
        {
            return new QueryPlan(shape, topK ?? settings.FactualTopK, []);
        }
        var variants = await variantWriter.WriteAsync(query, settings.MaxQueryVariants, cancellationToken);
        return new QueryPlan(shape, topK ?? settings.ComplexTopK, variants);
    }
}
