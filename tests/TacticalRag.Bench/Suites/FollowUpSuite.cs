using System.Globalization;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Conversations;
using TacticalRag.Bench.Report;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Eval;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// How a follow-up is searched when no model can rewrite it (local mode without vLLM or Ollama): the follow-up alone,
/// the previous question and the follow-up together (the rule before issue 20), and the follow-up plus the
/// conversation's topic (the product's <see cref="FollowUpRewriter.WithoutModel"/>). Questions: a
/// <c>follow-ups.json</c> beside the set's <c>questions.json</c> (<c>samples/eval/</c> by default): the eval format with
/// <c>previous</c>, the question asked before in the same conversation. Scored like <c>eval</c>: a chunk holding the
/// evidence is relevant.
/// </summary>
public sealed class FollowUpSuite : IBenchSuite
{
    public string Name => "followup";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var folder = options.Sets.Count > 0 ? options.Sets[0] : Path.Combine(root, "samples");
        var followUpsPath = new[] { Path.Combine(folder, "follow-ups.json"), Path.Combine(folder, "eval", "follow-ups.json") }.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No follow-ups.json in {folder} or its eval/ folder.");
        var documents = await EvalSetLoader.LoadAsync(folder, cancellationToken);
        var followUps = await ReadAsync(followUpsPath, cancellationToken);
        var settings = options.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        var cacheFolder = Path.Combine(root, "artifacts", "eval-cache");

        (string Name, Func<FollowUp, string> Query)[] strategies =
        [
            ("follow-up alone", f => f.Question),
            ("previous question + follow-up (before)", f => $"{f.Previous} {f.Question}"),
            ("follow-up + topic (product)", f => FollowUpRewriter.WithoutModel(ConversationOf(f), f.Question)),
        ];
        var table = new MarkdownTable("Search text", "Mode", "nDCG@10", "MRR@10", "hit@1", "hit@5");
        var examples = new StringBuilder();
        foreach (var (name, query) in strategies)
        {
            var set = new EvalSet($"{documents.Name}-follow-ups", documents.Format, documents.Files,
                followUps.Select(f => new EvalQuery(f.Id, query(f))).ToList(), new GoldPhraseJudge(followUps.ToDictionary(f => f.Id, f => f.Gold, StringComparer.Ordinal)));
            Progress.Step($"{name}: {set.Queries.Count} follow-ups");
            var result = await EvalRun.RunAsync(set, settings, cacheFolder, cancellationToken);
            foreach (var mode in result.Modes)
            {
                table.Add(name, mode.Mode, F(mode.Scores.NdcgAt10), F(mode.Scores.MrrAt10), F(mode.Scores.HitAt1), F(mode.Scores.HitAt5));
            }
            examples.AppendLine(CultureInfo.InvariantCulture, $"- {name}: `{query(followUps[0])}`");
        }

        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{followUps.Count} follow-ups ({Path.GetRelativePath(root, followUpsPath)}), each searched with topK {EvalRun.ResultDepth} as the API searches it with no model to rewrite it. The first, as each rule words it:");
        report.AppendLine();
        report.Append(examples);
        report.AppendLine();
        report.AppendLine(table.ToString());
        return report.ToString();
    }

    private static Conversation ConversationOf(FollowUp followUp)
    {
        var now = DateTimeOffset.UnixEpoch;
        return new Conversation("bench", [new ConversationTurn(followUp.Previous, followUp.Previous, "", "none", [], now)], null, 0, now, now);
    }

    private sealed record FollowUp(string Id, string Previous, string Question, GoldPhraseJudge.Gold Gold);

    private static async Task<IReadOnlyList<FollowUp>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
        return json.RootElement.EnumerateArray().Select(item => new FollowUp(
            item.GetProperty("id").GetString()!,
            item.GetProperty("previous").GetString()!,
            item.GetProperty("question").GetString()!,
            new GoldPhraseJudge.Gold([item.GetProperty("evidence").GetString()!], item.TryGetProperty("document", out var d) ? d.GetString() : null))).ToList();
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
