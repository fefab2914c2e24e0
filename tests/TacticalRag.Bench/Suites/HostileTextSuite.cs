using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Reporting;
using TacticalRag.Api.Ingestion;
using TacticalRag.Bench.Suites.HostileText;
using TacticalRag.TestSupport.HostileFiles;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// How long an upload takes to be answered for text the chunker must cut word by word (numbers with no spaces) against
/// prose of the same size: the API on a data-folder store, each upload timed until its answer (201, or the refusal of
/// a file over the time budget), the median of a few uploads per size.
/// </summary>
public sealed class HostileTextSuite : IBenchSuite
{
    private static readonly int[] SizesKb = [100, 200, 400];
    private const int BudgetCheckKb = 5_120;

    public string Name => "hostile-text";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var repeats = options.Quick ? 1 : 3;
        var report = new StringBuilder(MachineReport.Describe(Name));
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        await using var api = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress);
        using var client = LoopbackHttp.Create(api.BaseAddress, concurrency: 1, timeout: TimeSpan.FromMinutes(10));

        await UploadAsync(client, "warm-up.txt", HostileTextContent.Prose(20_000, Token()), cancellationToken);
        var table = new MarkdownTable("Size", "Numbers, no spaces: median ms (answers)", "Prose: median ms (answers)");
        foreach (var kb in SizesKb)
        {
            var numbers = await MeasureAsync(client, repeats, kb, "numbers", HostileTextContent.NumbersWithoutSpaces, cancellationToken);
            var prose = await MeasureAsync(client, repeats, kb, "prose", HostileTextContent.Prose, cancellationToken);
            table.Add(kb.ToString(CultureInfo.InvariantCulture) + " KB", numbers, prose);
        }
        // One larger upload of each, against the per-file time budget: what a 25 MB file would cost, by extrapolation.
        table.Add(BudgetCheckKb.ToString(CultureInfo.InvariantCulture) + " KB",
            await MeasureAsync(client, 1, BudgetCheckKb, "numbers", HostileTextContent.NumbersWithoutSpaces, cancellationToken),
            await MeasureAsync(client, 1, BudgetCheckKb, "prose", HostileTextContent.Prose, cancellationToken));
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- Upload of one `.txt` to its answer through the API (data-folder store, product defaults), median of {repeats} ({BudgetCheckKb:N0} KB: one upload); each document is deleted once answered, so its background embedding does not run into the next upload.");
        report.AppendLine();
        report.AppendLine(table.ToString());
        report.AppendLine(await NestedMarkupAsync(client, cancellationToken));
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }

    /// <summary>
    /// Files nested past what a parser should build (20,000 Word tables once ended the process; 100,000 HTML divs and a
    /// 3,000-level Markdown list held a core for minutes): each uploaded with a good file, timed to its answer, which
    /// must refuse it on its own within the time budget.
    /// </summary>
    private static async Task<string> NestedMarkupAsync(HttpClient client, CancellationToken cancellationToken)
    {
        (string Name, byte[] Bytes)[] files =
        [
            ("tables-20000.docx", NestedMarkupFiles.NestedTablesDocx(20_000)),
            ("divs-100000.html", NestedMarkupFiles.NestedDivsHtml(100_000)),
            ("list-3000.md", NestedMarkupFiles.NestedListMarkdown(3_000)),
        ];
        var budget = new IngestionOptions().FileTimeBudget;
        var table = new MarkdownTable("File", "Size", "Answer", "Hostile file", "Wall-clock ms", $"Within Ingestion:FileTimeBudget ({budget.TotalSeconds:0} s)");
        foreach (var (name, bytes) in files)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(bytes), "files", name);
            form.Add(new ByteArrayContent(HostileTextContent.Prose(2_000, Token())), "files", "good-notes.txt");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/api/documents", form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var outcome = json.RootElement.TryGetProperty("rejected", out var rejected) && rejected.GetArrayLength() == 1
                ? $"{rejected[0].GetProperty("status").GetInt32()}: {rejected[0].GetProperty("detail").GetString()![..90]}…"
                : body[..Math.Min(120, body.Length)];
            if (json.RootElement.TryGetProperty("documents", out var documents))
            {
                foreach (var document in documents.EnumerateArray())
                {
                    using var deleted = await client.DeleteAsync($"/api/documents/{document.GetProperty("id").GetString()}", cancellationToken);
                }
            }
            table.Add(name, $"{bytes.Length / 1024.0:N0} KB", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), outcome,
                elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture), elapsed < budget ? "yes" : "**no**");
            Progress.Step($"{name}: {elapsed.TotalMilliseconds:0} ms, {(int)response.StatusCode}");
        }
        return "- Nested markup, each uploaded together with a good 2 KB text file (the answer is the upload's: 201 with the hostile file among `rejected`).\n\n" + table;
    }

    private static async Task<string> MeasureAsync(
        HttpClient client, int repeats, int kb, string kind, Func<int, string, byte[]> generate, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var answers = new SortedSet<int>();
        for (var i = 0; i < repeats; i++)
        {
            var bytes = generate(kb * 1024, Token());
            var (ms, status) = await UploadAsync(client, $"{kind}-{kb}kb.txt", bytes, cancellationToken);
            times.Add(ms);
            answers.Add(status);
            Progress.Step($"{kind} {kb} KB: {ms:0} ms, {status}");
        }
        times.Sort();
        return $"{times[times.Count / 2].ToString("0", CultureInfo.InvariantCulture)} ({string.Join(", ", answers)})";
    }

    private static async Task<(double Ms, int Status)> UploadAsync(HttpClient client, string fileName, byte[] bytes, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, "files", fileName);
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/api/documents", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode == System.Net.HttpStatusCode.Created)
        {
            // Deleted at once, so its embedding in the background does not compete with the next upload's timing.
            using var json = System.Text.Json.JsonDocument.Parse(body);
            foreach (var document in json.RootElement.GetProperty("documents").EnumerateArray())
            {
                using var deleted = await client.DeleteAsync($"/api/documents/{document.GetProperty("id").GetString()}", cancellationToken);
            }
        }
        return (elapsed, (int)response.StatusCode);
    }

    private static string Token() => Guid.NewGuid().ToString("N")[..8];
}
