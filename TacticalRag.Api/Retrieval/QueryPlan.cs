namespace TacticalRag.Api.Retrieval;

public enum QueryShape { Factual, Complex }

/// <summary>How a query will be searched: the strategy reported to the caller, how many passages, extra phrasings.</summary>
public sealed record QueryPlan(QueryShape Shape, int TopK, IReadOnlyList<string> Variants)
{
    public const string Factual = "factual";
    public const string Complex = "complex";
    public const string ComplexWithVariants = "complex+variants";

    public string Strategy => Shape == QueryShape.Factual ? Factual : Variants.Count > 0 ? ComplexWithVariants : Complex;
}
