using System.Globalization;

namespace TacticalRag.Bench;

/// <summary>The command line: a suite name, then <c>--name value</c> options shared by the suites.</summary>
public sealed record BenchOptions(
    string Suite,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan FailoverDuration,
    int FailoverSamples,
    int HangSamples,
    TimeSpan? FirstTokenTimeout,
    string? OutFile)
{
    /// <summary>Chunks the index-load suite stores and loads back (documents of 1,000 chunks).</summary>
    public int Chunks { get; init; } = 100_000;

    /// <summary>Chunks in the ingestion suite's large synthetic document (about; the chunker decides the exact count).</summary>
    public int DocumentChunks { get; init; } = 300;

    /// <summary>Concurrent askers in the load run (the load suite and the report's).</summary>
    public int Askers { get; init; } = 64;

    /// <summary>--quick: shorter runs where a suite or the report supports it; figures indicative only.</summary>
    public bool Quick { get; init; }

    /// <summary>eval: labelled set folders (--set, repeatable); none means the repository's samples/.</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>eval and yarp: configuration values for the product (--setting Section:Key=value, repeatable).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>
    /// eval, retrieval, index-load: the library engines measured (--engine embedded|postgresql|both; default embedded).
    /// PostgreSQL runs on a throwaway local server with pgvector.
    /// </summary>
    public IReadOnlyList<string> Engines { get; init; } = ["embedded"];

    /// <summary>--study: eval also compares fusion alternatives on the same rankings.</summary>
    public bool Study { get; init; }

    /// <summary>live: vLLM's base address (without <c>/v1</c>), measured directly.</summary>
    public Uri? VllmUrl { get; init; }

    /// <summary>live: Ollama's base address, measured directly.</summary>
    public Uri? OllamaUrl { get; init; }

    /// <summary>live: the API's base address, measured through its <c>/api/llm/stream</c>.</summary>
    public Uri? GatewayUrl { get; init; }

    /// <summary>live: the API key the gateway wants (<c>X-Api-Key</c>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>live: the model vLLM serves (the AppHost's default).</summary>
    public string VllmModel { get; init; } = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    /// <summary>live: the model Ollama serves (the AppHost's default).</summary>
    public string OllamaModel { get; init; } = "llama3.1:8b";

    /// <summary>live: measured answers per backend and concurrency.</summary>
    public int Requests { get; init; } = 16;

    /// <summary>live: the longest answer asked for (the seed's and the product's 512).</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Options named on the command line, so a suite can tell an explicit value from the default.</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    public const string Usage = """
        Usage: dotnet run -c Release --project tests/TacticalRag.Bench -- <suite> [options]

        Suites:
          gateway                    gateway overhead vs the model server, and the cost of failing over
          retrieval                  retrieval quality on samples/, search latency and memory at 1k, 10k, 100k chunks
          ingestion                  embedder throughput vs end-to-end ingestion through the API (folder and Redis stores),
                                     search and ask latency while a large document is being indexed vs idle
          index-load                 a replica's index load time and memory from Redis and from the data folder
          yarp                       gateway vs a plain YARP proxy hop vs direct to the vLLM simulator, concurrency 1 and 16
          failover                   failover cost per vLLM fault, before the gateway knows and after
          load                       concurrent askers on /api/ask (then /api/llm/invoke) with vLLM flapping every 10 s
          openai                     /v1/chat/completions (tacticalrag-chat, streamed and whole) vs /api/llm/stream and
                                     /api/llm/invoke on the simulator, concurrency 1 and 16 (--duration: measured s per path)
          hostile-text               upload time of text the chunker must cut word by word (numbers, no spaces) vs prose,
                                     100/200/400 KB (--quick: one upload per size), and Word, HTML and Markdown files
                                     nested past the parsers' limits, each timed against Ingestion:FileTimeBudget
          sign-in                    a failed web sign-in for an email with an account vs one without (medians within
                                     10% mean the timing does not tell which accounts exist; --quick: 15 each)
          ask                        a retrieval-only ask (every model server known down) vs a search of the same library
          followup                   a follow-up searched without a model: alone, with the previous question, with the
                                     conversation's topic (samples/eval/follow-ups.json, or the --set folder's)
          eval                       retrieval quality on labelled sets: nDCG@10, recall@10, MRR@10, hit@1, hit@5 and
                                     latency per mode (BM25, dense, hybrid); samples/ unless --set is given
          live                       vLLM and Ollama on real hardware, directly and through the gateway: time to first token,
                                     tokens per second and whole-answer time at concurrency 1 and 8 on RAG prompts built
                                     from samples/, beside the original system's figures (needs --vllm, --ollama or --gateway;
                                     writes artifacts/bench/live-<date>.md unless --out is given)
          report                     yarp + failover + retrieval + load side by side: writes docs/benchmarks.md and
                                     PNG charts in docs/benchmarks/ (about 7-10 minutes; --quick about 3)

        Options:
          --duration <s>             measured seconds per load run (default 10)
          --warmup <s>               unrecorded seconds before each load run (default 2; failover runs take at most 1)
          --failover-duration <s>    measured seconds per steady-state failover run (default 3)
          --failover-samples <n>     first-request-after-vLLM-goes-away samples (default 20)
          --hang-samples <n>         requests against a hanging vLLM, one after another (default 5)
          --first-token-timeout <s>  the gateway's Llm:FirstTokenTimeout for the hang case (default: the product's 10 s)
          --document-chunks <n>      ingestion: about how many chunks the large synthetic document has (default 300)
                                     (--duration sets the idle search/ask window, --warmup its unrecorded start)
          --chunks <n>               index-load: chunks stored and loaded back (default 100000; e.g. 10000 for a quick run)
          --askers <n>               load/report: concurrent askers (default 64)
                                     (load/report: --duration is the ask run, default 60 s; yarp: measured s per path)
          --quick                    report, load, failover, yarp, openai, ask: short runs, figures indicative only
          --set <folder>             eval: a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv) or documents with
                                     questions.json; repeatable
          --setting <key=value>      eval, yarp: a product setting, e.g. Embeddings:Model=all-MiniLM-L6-v2, or
                                     OTEL_SDK_DISABLED=true (yarp: the gateway without OpenTelemetry); repeatable
          --study                    eval: also compare fusion alternatives on the same rankings
          --vllm <url>               live: vLLM's address, e.g. http://localhost:8000 (without /v1)
          --ollama <url>             live: Ollama's address, e.g. http://localhost:11434
          --gateway <url>            live: the API's address (answers through /api/llm/stream)
          --api-key <key>            live: the API key for --gateway
          --vllm-model <id>          live: default meta-llama/Meta-Llama-3.1-8B-Instruct
          --ollama-model <name>      live: default llama3.1:8b
          --requests <n>             live: measured answers per backend and concurrency (default 16)
          --max-tokens <n>           live: longest answer asked for (default 512)
          --out <file.md>            also write the report to this file
        """;

    public static bool TryParse(string[] args, out BenchOptions options, out string error)
    {
        options = new BenchOptions("", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 20, 5, null, null);
        error = "";
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            error = "Name a suite first.";
            return false;
        }
        options = options with { Suite = args[0] };
        // --quick and --study are the flags without a value.
        var given = new HashSet<string>();
        options = options with { Quick = args.Contains("--quick"), Study = args.Contains("--study"), Given = given };
        args = [.. args.Where(a => a is not ("--quick" or "--study"))];
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                error = $"{args[i]} needs a value.";
                return false;
            }
            var value = args[i + 1];
            BenchOptions? next = args[i] switch
            {
                "--duration" when Seconds(value) is { } s => options with { Duration = s },
                "--warmup" when Seconds(value) is { } s => options with { Warmup = s },
                "--failover-duration" when Seconds(value) is { } s => options with { FailoverDuration = s },
                "--failover-samples" when Positive(value) is { } n => options with { FailoverSamples = n },
                "--hang-samples" when Positive(value) is { } n => options with { HangSamples = n },
                "--first-token-timeout" when Seconds(value) is { } s => options with { FirstTokenTimeout = s },
                "--document-chunks" when Positive(value) is { } n => options with { DocumentChunks = n },
                "--chunks" when Positive(value) is { } n => options with { Chunks = n },
                "--askers" when Positive(value) is { } n => options with { Askers = n },
                "--out" => options with { OutFile = value },
                "--vllm" when Url(value) is { } url => options with { VllmUrl = url },
                "--ollama" when Url(value) is { } url => options with { OllamaUrl = url },
                "--gateway" when Url(value) is { } url => options with { GatewayUrl = url },
                "--api-key" when value.Length > 0 => options with { ApiKey = value },
                "--vllm-model" when value.Length > 0 => options with { VllmModel = value },
                "--ollama-model" when value.Length > 0 => options with { OllamaModel = value },
                "--requests" when Positive(value) is { } n => options with { Requests = n },
                "--max-tokens" when Positive(value) is { } n => options with { MaxTokens = n },
                "--set" => options with { Sets = [.. options.Sets, value] },
                "--engine" when value is "embedded" or "postgresql" or "both" =>
                    options with { Engines = value == "both" ? ["embedded", "postgresql"] : [value] },
                "--setting" when value.Split('=', 2) is [{ Length: > 0 } key, var setting] =>
                    options with { Settings = [.. options.Settings, new(key, setting)] },
                _ => null,
            };
            if (next is null)
            {
                error = $"Unknown option or bad value: {args[i]} {value}";
                return false;
            }
            options = next;
            given.Add(args[i]);
        }
        return true;
    }

    private static TimeSpan? Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static Uri? Url(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
