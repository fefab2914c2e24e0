using Microsoft.AspNetCore.Http.HttpResults;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Examples;

public sealed record ExampleQuestionsResponse(IReadOnlyList<string> Questions);

/// <summary><c>/api/examples</c>: questions the front end offers on an empty chat.</summary>
public static class ExamplesApi
{
    public const int MaxCount = 12;

    public static IEndpointRouteBuilder MapExamplesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/examples", GetAsync).WithTags("Examples").WithName("GetExampleQuestions").RequireAuthorization(Policies.Reader);
        return routes;
    }

    public static async Task<Results<Ok<ExampleQuestionsResponse>, ProblemHttpResult>> GetAsync(
        ExampleQuestions examples, CancellationToken cancellationToken, string? count = null)
    {
        // Parsed here rather than bound, so "count=abc" gets the same clear message as "count=99".
        var wanted = 4;
        if (count is not null && (!int.TryParse(count, out wanted) || wanted is < 1 or > MaxCount))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid count.",
                detail: $"count must be a whole number from 1 to {MaxCount}, got '{count}'.");
        }
        return TypedResults.Ok(new ExampleQuestionsResponse(await examples.GetAsync(wanted, cancellationToken)));
    }
}
