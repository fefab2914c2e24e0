using System.Diagnostics;
using System.Globalization;
using System.Text;
using TacticalRag.TestSupport.Evaluation;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Reporting;
using TacticalRag.Bench.Suites.Gateway;
using TacticalRag.Bench.Suites.Load;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites;

/// <summary>
/// Many concurrent askers on <c>/api/ask</c> (then callers on <c>/api/llm/invoke</c>) while vLLM flaps up and down
/// and Ollama stays up: the promise that answers keep coming, under load.
/// </summary>
public sealed class LoadSuite : IBenchSuite
{
    public static readonly TimeSpan FlapInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MinimumInvokeDuration = TimeSpan.FromSeconds(20);

    public sealed record Result(LoadRunResult Ask, LoadRunResult Invoke, LoadSetup Setup);

    public string Name => "load";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var targets = new TargetLedger();
        var report = new StringBuilder(MachineReport.Describe(Name));
        report.AppendLine();
        var result = await MeasureAsync(options, cancellationToken);
        report.AppendLine(LoadReport.Write(result.Ask, result.Invoke, result.Setup, targets));
        report.AppendLine(targets.Summary());
        report.AppendLine(CultureInfo.InvariantCulture, $"_Suite ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s._");
        return report.ToString();
    }

    /// <summary>--duration (default 60 s; --quick 20 s) and --askers (default 64) shape the ask run; invoke runs a third as long, at least 20 s.</summary>
    public static async Task<Result> MeasureAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var duration = options.Given.Contains("--duration") ? options.Duration : options.Quick ? QuickDuration : DefaultDuration;
        var invokeDuration = duration / 3 > MinimumInvokeDuration ? duration / 3 : MinimumInvokeDuration;
        var warmup = options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
        var samples = SampleLibrary.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("No samples/ folder with eval/questions.json above the working directory.");
        var (questions, warmupQuestions) = await LoadQuestions.LoadAsync(samples, cancellationToken);

        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions { FlapInterval = FlapInterval }, cancellationToken);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), cancellationToken);
        await using var gateway = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress);
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        await gateway.WaitUntilAsync("ollama", "up", cancellationToken);

        Progress.Step($"load: uploading {string.Join(", ", LoadLibrary.Files)} and waiting until indexed");
        var indexing = Stopwatch.StartNew();
        var chunks = await LoadLibrary.UploadAndWaitAsync(gateway.Control, samples, cancellationToken);
        var setup = new LoadSetup(chunks, indexing.Elapsed.TotalSeconds, questions.Count, warmup, FlapInterval);
        Progress.Step($"load: {chunks} chunks ready in {setup.IndexingSeconds:0.0} s; {questions.Count} phrasings");

        using var client = LoopbackHttp.Create(gateway.BaseAddress, options.Askers);
        Progress.Step($"load: warm-up, {options.Askers} askers for {warmup.TotalSeconds:0} s, vLLM up");
        await LoadRun.RunAsync(client, "/api/ask", options.Askers, warmup,
            (asker, turn) => new { question = warmupQuestions.For(asker, options.Askers, turn) }, vllm, flap: false, cancellationToken);

        Progress.Step($"load: /api/ask, {options.Askers} askers for {duration.TotalSeconds:0} s, vLLM flapping every {FlapInterval.TotalSeconds:0} s");
        var ask = await LoadRun.RunAsync(client, "/api/ask", options.Askers, duration,
            (asker, turn) => new { question = questions.For(asker, options.Askers, turn) }, vllm, flap: true, cancellationToken);

        // Start the invoke run as the ask run started: vLLM listening, the gateway knowing it.
        await gateway.WaitUntilAsync("vllm", "up", cancellationToken);
        Progress.Step($"load: /api/llm/invoke, {options.Askers} callers for {invokeDuration.TotalSeconds:0} s, vLLM flapping");
        var invoke = await LoadRun.RunAsync(client, GatewayCalls.InvokePath, options.Askers, invokeDuration,
            (asker, turn) => new { prompt = $"{GatewayCalls.Prompt}, part {turn} for caller {asker}", maxTokens = GatewayCalls.MaxTokens },
            vllm, flap: true, cancellationToken);
        return new Result(ask, invoke, setup);
    }
}
