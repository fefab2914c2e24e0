using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Passages;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Retrieval;

/// <summary><c>POST /api/search</c>: the passages for a query, without an answer.</summary>
public static class SearchApi
{
    private const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Search").RequireAuthorization(Policies.Reader)
            .MapPost("/search", SearchAsync).WithName("Search").AddEndpointFilter<IndexReadyFilter>()
            .Accepts<SearchRequest>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return routes;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        HttpRequest request, HybridRetriever retriever, IOptions<RetrievalOptions> options, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SearchRequest>(request, cancellationToken)).TryGetValue(out var body, out var problem))
        {
            return problem;
        }
        if (JsonBody.Invalid(Validate(body, options.Value), "The search request is invalid.") is { } invalid)
        {
            return invalid;
        }
        var query = (body.Query ?? "").Trim();
        var result = await retriever.RetrieveAsync(query, body.TopK, cancellationToken);
        return TypedResults.Ok(new SearchResponse(
            result.Strategy, result.Results.Select(r => WithExcerpt(r, query)).ToArray(), result.Ranking, result.RerankSkipped));
    }

    private static RetrievedChunk WithExcerpt(RetrievedChunk chunk, string query)
    {
        var excerpt = ExcerptBuilder.Build(chunk.Text, query);
        return chunk with { Excerpt = excerpt.Text, Highlights = excerpt.Highlights };
    }

    internal static Dictionary<string, string[]> Validate(SearchRequest body, RetrievalOptions limits)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Query))
        {
            errors["query"] = ["The query is empty."];
        }
        else if (body.Query.Length > limits.MaxQueryChars)
        {
            errors["query"] = [$"The query is {body.Query.Length} characters long; the limit is {limits.MaxQueryChars}."];
        }
        if (body.TopK is { } topK && (topK < 1 || topK > limits.MaxTopK))
        {
            errors["topK"] = [$"topK must be between 1 and {limits.MaxTopK}; it was {topK}."];
        }
        return errors;
    }
}
