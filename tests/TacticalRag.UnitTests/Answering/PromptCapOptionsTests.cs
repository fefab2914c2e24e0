using System.ComponentModel.DataAnnotations;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Ingestion;

namespace TacticalRag.UnitTests.Answering;

public sealed class PromptCapOptionsTests
{
    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0 && options is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(new ValidationContext(options)));
        }
        return results;
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(Validate(new AnsweringOptions()));
        Assert.Empty(Validate(new IngestionOptions()));
    }

    [Fact]
    public void APromptCapWithoutRoomForPassagesBesideTheLongestQuestionIsRefusedNamingTheSetting()
    {
        var problem = Assert.Single(Validate(new AnsweringOptions { MaxQuestionChars = 5_000, MaxPromptChars = 6_000 }));

        Assert.Contains("Answering:MaxPromptChars", problem.ErrorMessage);
    }

    [Fact]
    public void AZeroTimeBudgetIsRefused() =>
        Assert.Contains(Validate(new IngestionOptions { FileTimeBudget = TimeSpan.Zero }), r => r.MemberNames.Contains(nameof(IngestionOptions.FileTimeBudget)));
}
