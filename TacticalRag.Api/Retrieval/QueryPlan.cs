namespace TacticalRag.Api.Retrieval;

public enum QueryShape { Factual, Complex }

/// <summary>How a query will be searched: the strategy reported to the caller, how many passages, extra phrasings.</summary>
public sealed record QueryPlan(QueryShape Shape, int TopK, IReadOnlyList<string> Variants)
{
    public RetrievalStrategy Strategy =>
        Shape == QueryShape.Factual ? RetrievalStrategy.Factual
        : Variants.Count > 0 ? RetrievalStrategy.ComplexWithVariants
        : RetrievalStrategy.Complex;
}
