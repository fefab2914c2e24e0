using System.Globalization;
using System.Text;
using TacticalRag.Bench.Reporting;

namespace TacticalRag.Bench.Suites.IndexLoad;

/// <summary>The index-load section: one row per load, what the memory is made of, and the targets per store.</summary>
public static class IndexLoadReport
{
    public const double TargetSeconds = 15;
    public const double TargetMegabytes = 600;

    /// <summary>The targets are stated for this many chunks; smaller runs are scaled up linearly to compare.</summary>
    private const int TargetChunks = 100_000;

    public static string Write(IReadOnlyList<IndexLoadResult> results, FilledLibrary filled)
    {
        var text = new StringBuilder();
        text.AppendLine("## Replica index load");
        text.AppendLine();
        text.AppendLine("Each row is a fresh process of the bench (server GC, nothing compiled yet: a replica starting) that connects, "
            + "runs LoadAllAsync into a new SearchIndex in batches of 5,000, lists the documents, and makes a first keyword search "
            + "(the keyword reader opens then). Reading = connecting, the store's reads and parsing; indexing = SearchIndex.AddRange "
            + "and the first search; CPU = the process's CPU time over the load (redis-server's is not in it). Retained = managed "
            + "heap after a full GC minus before the load, the index alive. Working set = the loading process, before → after the "
            + "load; peaks sampled every 20 ms.");
        text.AppendLine();
        var table = new MarkdownTable("Store", "Load", "Chunks / vectors", "Load s", "Reading s", "Indexing s", "CPU s", "Chunks/s",
            "Retained MB", "Peak managed MB", "Working set MB", "Peak working set MB");
        foreach (var r in results)
        {
            table.Add(r.Store, MarkdownTable.Count(r.Round), $"{r.Chunks:N0} / {r.Vectors:N0}", Seconds(r.Wall), Seconds(r.Reading),
                Seconds(r.Indexing), Seconds(r.Cpu), MarkdownTable.Rate(r.Chunks / r.Wall.TotalSeconds), Mb(r.RetainedManaged),
                Mb(r.PeakManaged), $"{Mb(r.WorkingSetBefore)} → {Mb(r.WorkingSetAfter)}", Mb(r.PeakWorkingSet));
        }
        text.AppendLine(table.ToString());

        var vectorBytes = (long)filled.Chunks * 384 * sizeof(float);
        var textBytes = filled.TextChars * sizeof(char);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- What a replica must hold at least: vectors {vectorBytes / 1e6:0} MB (384 float32 each) and chunk text {textBytes / 1e6:0} MB "
            + $"(UTF-16 strings); the rest of Retained is chunk metadata, the id maps and the Lucene index (postings, norms, stored ids).");
        text.AppendLine("- Targets below take each store's faster load (the machine is shared; the slower one is above).");
        text.AppendLine();

        var scale = TargetChunks / (double)filled.Chunks;
        var scaled = filled.Chunks == TargetChunks ? "" : $" (scaled ×{scale:0.##} from {filled.Chunks:N0})";
        var ledger = new TargetLedger();
        foreach (var r in results.GroupBy(r => r.Store).Select(g => g.MinBy(r => r.Wall)!))
        {
            var seconds = r.Wall.TotalSeconds * scale;
            var megabytes = r.RetainedManaged * scale / 1e6;
            var peak = r.PeakWorkingSet / 1e6;
            ledger.Add($"{r.Store}: 100k chunks load in ≤ {TargetSeconds} s", $"{seconds:0.0} s{scaled}", Verdict(seconds, TargetSeconds, "s"));
            ledger.Add($"{r.Store}: 100k chunks held in ≤ {TargetMegabytes} MB (retained managed heap)", $"{megabytes:0} MB{scaled}",
                Verdict(megabytes, TargetMegabytes, "MB"));
            ledger.Add($"{r.Store}: 100k chunks loaded in ≤ {TargetMegabytes} MB (peak working set of the whole loading process)",
                $"{peak:0} MB{(scaled.Length == 0 ? "" : $" at {filled.Chunks:N0} chunks, not scaled")}", Verdict(peak, TargetMegabytes, "MB"));
        }
        text.AppendLine(ledger.Summary());
        return text.ToString();
    }

    private static string Verdict(double measured, double limit, string unit) =>
        measured <= limit ? "met" : $"missed by {(measured - limit).ToString("0.#", CultureInfo.InvariantCulture)} {unit} ({measured / limit:0.00}×)";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1e6).ToString("0", CultureInfo.InvariantCulture);
}
