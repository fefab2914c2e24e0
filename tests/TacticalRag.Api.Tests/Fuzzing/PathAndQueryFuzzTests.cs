namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>Hostile ids, query strings, methods and stray bodies: never a 5xx, a ProblemDetails on refusal, nothing deleted or stored.</summary>
[Collection(FuzzCollection.Name)]
public sealed class PathAndQueryFuzzTests(FuzzTarget target)
{
    [Fact]
    public async Task HostileIdsInPathsAreRefused() =>
        await FuzzRunner.AssertAllRefusedSafelyAsync(target, PathAndQueryFuzzer.IdCases(FuzzRunner.RandomFor(nameof(HostileIdsInPathsAreRefused))));

    [Fact]
    public async Task HostileQueryStringsNeverBreakAReadEndpoint() =>
        await FuzzRunner.AssertAllRefusedSafelyAsync(target, PathAndQueryFuzzer.QueryCases(FuzzRunner.RandomFor(nameof(HostileQueryStringsNeverBreakAReadEndpoint))));

    [Fact]
    public async Task WrongMethodsAndStrayBodiesAreRefused() =>
        await FuzzRunner.AssertAllRefusedSafelyAsync(target, PathAndQueryFuzzer.MethodAndBodyCases(FuzzRunner.RandomFor(nameof(WrongMethodsAndStrayBodiesAreRefused))));
}
