namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>Hostile bodies against every JSON endpoint: each is refused with a ProblemDetails, quickly, and leaves nothing behind.</summary>
[Collection(FuzzCollection.Name)]
public sealed class JsonEndpointFuzzTests(FuzzTarget target)
{
    public static TheoryData<string> Paths => new(JsonEndpointShape.All.Select(shape => shape.Path));

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryMalformedBodyIsRefusedAndNothingIsStored(string path)
    {
        var shape = JsonEndpointShape.All.Single(s => s.Path == path);

        var cases = JsonBodyFuzzer.Cases(shape, FuzzRunner.RandomFor(path));

        await FuzzRunner.AssertAllRefusedSafelyAsync(target, cases);
    }
}
