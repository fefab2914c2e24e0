using TacticalRag.TestSupport.Evaluation;

namespace TacticalRag.Bench.Suites.Load;

/// <summary>
/// Questions about the load run's library, phrased many ways: the answer cache keys on the (normalised) wording, so a
/// pool of some twenty thousand phrasings keeps answers uncached for minutes of load (each asker walks its own stretch
/// of it). The run reports the share the cache served anyway.
/// </summary>
public sealed class LoadQuestions
{
    private static readonly string[] Openings =
    [
        "", "Quick question: ", "Please tell me: ", "According to our documents, ", "For the briefing, ", "I need to know: ",
        "Can you check: ", "From the manuals, ", "Remind me, ", "In short, ",
    ];

    private static readonly string[] Situations =
    [
        "", "We are on patrol. ", "Before the convoy leaves, ", "At the command post: ", "During the exercise, ",
        "For a new operator: ", "Checking the SOP again. ", "On the night shift: ", "For the after-action review, ", "In the field: ",
    ];

    private static readonly string[] Endings =
    [
        "", " Keep it short.", " Cite the source.", " Answer in one sentence.", " Be precise.", " Thanks.",
        " This is for the night shift.", " Give the exact figure.", " Quote the procedure.", " Needed for the exercise.",
    ];

    private readonly IReadOnlyList<string> _pool;

    private LoadQuestions(IReadOnlyList<string> pool) => _pool = pool;

    public int Count => _pool.Count;

    public static async Task<(LoadQuestions Measured, LoadQuestions Warmup)> LoadAsync(string samples, CancellationToken cancellationToken)
    {
        var questions = (await RetrievalEvaluation.LoadQuestionsAsync(Path.Combine(samples, SampleLibrary.QuestionsFile), cancellationToken))
            .Where(q => LoadLibrary.Files.Contains(q.Document))
            .Select(q => q.Question)
            .ToList();
        // Every combination, question by question: neighbours in the pool differ in their question.
        var measured = Endings.SelectMany(ending => Situations.SelectMany(situation => Openings.SelectMany(opening =>
            questions.Select(q => situation + opening + q + ending)))).ToList();
        var warmup = questions.Select(q => "Warm-up: " + q).ToList();
        return (new LoadQuestions(measured), new LoadQuestions(warmup));
    }

    /// <summary>Asker <paramref name="asker"/>'s <paramref name="turn"/>-th question: askers start spread over the pool.</summary>
    public string For(int asker, int askers, int turn) => _pool[(asker * (_pool.Count / Math.Max(1, askers)) + turn) % _pool.Count];
}
