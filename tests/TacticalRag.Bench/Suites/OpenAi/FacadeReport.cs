using System.Text;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using static TacticalRag.Bench.Reporting.MarkdownTable;

namespace TacticalRag.Bench.Suites.OpenAi;

/// <summary>The facade comparison as markdown: every path's figures and the facade's cost over the gateway's own endpoints.</summary>
public static class FacadeReport
{
    /// <summary>The target: the facade adds at most 10% to the gateway's p50 at concurrency 16.</summary>
    public const double TargetRatio = 1.10;

    public static string Write(FacadeResult result, TargetLedger targets)
    {
        var text = new StringBuilder();
        text.AppendLine("## OpenAI-compatible facade vs the gateway's own endpoints");
        text.AppendLine();
        text.AppendLine($"The same {GatewayCalls.MaxTokens}-token answer from one vLLM simulator (no generation delay), asked through the gateway's "
            + "`/api/llm/invoke` and `/api/llm/stream` and through `POST /v1/chat/completions` (model `tacticalrag-chat`), streamed and whole. "
            + $"Closed loop, paths interleaved over {result.Settings.Rounds} round(s) of {result.Settings.RoundDuration.TotalSeconds:0.##} s "
            + "measured each; client, gateway and simulator share the process. Latency is until the whole answer (the stream's end) has been read.");
        text.AppendLine();
        var table = new MarkdownTable("Path", "Concurrency", "Requests", "Errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "CPU ms/req", "alloc KiB/req");
        foreach (var (path, concurrency, latency) in result.Rows)
        {
            table.Add(Label(path), Count(concurrency), Count(latency.Count), Count(latency.Errors), Rate(latency.ThroughputPerSecond),
                Ms(latency.P50), Ms(latency.P90), Ms(latency.P99), Ms(latency.CpuMsPerRequest), Ms(latency.AllocatedKiBPerRequest));
        }
        text.Append(table);
        text.AppendLine();
        var ratios = new MarkdownTable("Concurrency", "/v1 stream ÷ /api/llm/stream p50", "p99", "/v1 whole ÷ /api/llm/invoke p50", "p99");
        foreach (var c in FacadeComparison.Concurrencies)
        {
            var streamed = result[FacadePath.OpenAiStream, c];
            var gatewayStream = result[FacadePath.Stream, c];
            var whole = result[FacadePath.OpenAi, c];
            var invoke = result[FacadePath.Invoke, c];
            ratios.Add(Count(c), Ratio(streamed.P50 / gatewayStream.P50), Ratio(streamed.P99 / gatewayStream.P99),
                Ratio(whole.P50 / invoke.P50), Ratio(whole.P99 / invoke.P99));
        }
        text.Append(ratios);
        var top = FacadeComparison.Concurrencies[^1];
        foreach (var (facade, baseline, against) in new[]
        {
            (FacadePath.OpenAiStream, FacadePath.Stream, "`/api/llm/stream`"),
            (FacadePath.OpenAi, FacadePath.Invoke, "`/api/llm/invoke`"),
        })
        {
            var ours = result[facade, top].P50;
            var theirs = result[baseline, top].P50;
            var ratio = ours / theirs;
            targets.Add($"{Label(facade)} p50 ≤ {Ratio(TargetRatio)} {against}, concurrency {top}", $"{Ratio(ratio)} ({Ms(ours)} vs {Ms(theirs)} ms)",
                double.IsNaN(ratio) ? "not measured" : ratio <= TargetRatio ? "met" : $"missed by {Ratio(ratio - TargetRatio)}");
        }
        if (result.OllamaAnswers > 0)
        {
            text.AppendLine();
            text.AppendLine($"**Warning:** {result.OllamaAnswers} requests were answered by Ollama, not vLLM: the rows mix backends.");
        }
        return text.ToString();
    }

    public static string Label(FacadePath path) => path switch
    {
        FacadePath.Invoke => "gateway `POST /api/llm/invoke`",
        FacadePath.Stream => "gateway `POST /api/llm/stream` (SSE)",
        FacadePath.OpenAiStream => "`POST /v1/chat/completions` stream",
        FacadePath.OpenAi => "`POST /v1/chat/completions` whole",
        _ => path.ToString(),
    };
}
