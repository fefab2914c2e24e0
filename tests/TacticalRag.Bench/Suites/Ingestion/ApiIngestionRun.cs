using System.Diagnostics;
using TacticalRag.Bench.Hosting;
using TacticalRag.Bench.Measurement;
using TacticalRag.Bench.Reporting;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>Upload to "ready" for one upload: when the 201 came, when the last document was ready, the CPU it took.</summary>
public sealed record IngestionTiming(string Content, int Chunks, TimeSpan Upload, TimeSpan UntilReady, TimeSpan Cpu)
{
    public double ChunksPerSecond => Chunks / UntilReady.TotalSeconds;

    public double ChunksPerCpuSecond => Chunks / Cpu.TotalSeconds;
}

/// <summary>Everything measured on one API host, on one store.</summary>
public sealed record StoreRun(
    string Store, IngestionTiming Samples, IngestionTiming Document, IngestionTiming BusyDocument, QueryLatency Idle, QueryLatency Busy);

/// <summary>
/// The API on Kestrel in this process, on a fresh store and with an empty embedding cache, the simulators as its
/// model servers: warm it up (model loaded, code compiled), time uploads until "ready", then time searches and asks
/// while nothing is being indexed (half before, half after) and while a large document is.
/// </summary>
public sealed class ApiIngestionRun(HttpClient client, Func<TimeSpan> readCpu)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(20);

    /// <param name="storeCpu">CPU time of the store's own process (redis-server), added to this process's; null for none.</param>
    public static async Task<StoreRun> RunAsync(
        string store, IReadOnlyDictionary<string, string?> storeSettings, Func<TimeSpan>? storeCpu, ModelServerSimulator vllm,
        ModelServerSimulator ollama, IngestionContent content, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var api = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, storeSettings);
        await api.WaitUntilAsync("vllm", "up", cancellationToken);
        using var client = LoopbackHttp.Create(api.BaseAddress, concurrency: 2, timeout: TimeSpan.FromSeconds(120));
        var run = new ApiIngestionRun(client, () => ProcessCounters.Read().Cpu + (storeCpu?.Invoke() ?? TimeSpan.Zero));

        // Warm up the whole path once per host: the model's session, and in the first host of the process, compiling
        // the API's code and tiering it up, which otherwise lands on whichever store is measured first.
        await run.IngestAsync("warm-up", [content.WarmUp], cancellationToken);
        var questions = new UniqueQuestions(content.Questions);
        await QueryLoop.RunAsync(client, questions, QueryLoop.For(options.Warmup), new QuerySamples(), cancellationToken);
        var samples = await run.IngestAsync("sample library", content.Samples, cancellationToken);
        var document = await run.IngestAsync("large document", [content.Document], cancellationToken);

        var idle = new QuerySamples();
        await QueryLoop.RunAsync(client, questions, QueryLoop.For(options.Duration / 2), idle, cancellationToken);

        var started = Stopwatch.GetTimestamp();
        var cpuBefore = run.CpuNow();
        var uploaded = await LibraryHttp.UploadAsync(client, [content.BusyDocument], cancellationToken);
        var upload = Stopwatch.GetElapsedTime(started);
        var busy = new QuerySamples();
        await QueryLoop.RunAsync(client, questions, () => LibraryHttp.AllReadyAsync(client, uploaded, cancellationToken), busy, cancellationToken);
        var busyDocument = new IngestionTiming(
            "large document, while asked", uploaded.Sum(d => d.Chunks), upload, Stopwatch.GetElapsedTime(started), run.CpuNow() - cpuBefore);

        await QueryLoop.RunAsync(client, questions, QueryLoop.For(options.Duration / 2), idle, cancellationToken);
        var result = new StoreRun(store, samples, document, busyDocument, idle.Summarize(), busy.Summarize());
        Progress.Step($"{store}: search p50 {result.Idle.Search.P50:0.0} ms idle, {result.Busy.Search.P50:0.0} ms while indexing; "
            + $"ask p50 {result.Idle.Ask.P50:0.0} / {result.Busy.Ask.P50:0.0} ms");
        return result;
    }

    /// <summary>An API host on a folder store that ingests the warm-up document and answers questions, then goes away.</summary>
    public static async Task WarmUpProcessAsync(
        string dataPath, ModelServerSimulator vllm, ModelServerSimulator ollama, IngestionContent content, BenchOptions options,
        CancellationToken cancellationToken)
    {
        await using var api = BenchGateway.Start(vllm.BaseAddress, ollama.BaseAddress, new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath });
        await api.WaitUntilAsync("vllm", "up", cancellationToken);
        using var client = LoopbackHttp.Create(api.BaseAddress, concurrency: 2, timeout: TimeSpan.FromSeconds(120));
        var run = new ApiIngestionRun(client, () => TimeSpan.Zero);
        await run.IngestAsync("process warm-up", [content.WarmUp], cancellationToken);
        await QueryLoop.RunAsync(client, new UniqueQuestions(content.Questions), QueryLoop.For(options.Warmup), new QuerySamples(), cancellationToken);
    }

    /// <summary>CPU used so far by this process and the store's.</summary>
    private TimeSpan CpuNow() => readCpu();

    private async Task<IngestionTiming> IngestAsync(string label, IReadOnlyList<ChunkedFile> files, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = CpuNow();
        var uploaded = await LibraryHttp.UploadAsync(client, files, cancellationToken);
        var upload = Stopwatch.GetElapsedTime(started);
        await LibraryHttp.WaitUntilReadyAsync(client, uploaded, ReadyTimeout, cancellationToken);
        var timing = new IngestionTiming(label, uploaded.Sum(d => d.Chunks), upload, Stopwatch.GetElapsedTime(started), CpuNow() - cpuBefore);
        Progress.Step($"API {label}: {timing.Chunks} chunks ready in {timing.UntilReady.TotalSeconds:0.0} s ({timing.ChunksPerSecond:0.0} chunks/s)");
        return timing;
    }
}
