namespace TacticalRag.Web.Tests;

/// <summary><c>GET /api/llm/backends</c> answers as the API writes them.</summary>
internal static class BackendsJson
{
    public const string VllmDownOllamaActive = """
        {"preferred":"vllm","active":"ollama","backends":[
          {"name":"vllm","enabled":true,"healthy":false,"model":"Qwen/Qwen2.5-7B-Instruct","endpoint":"http://vllm:8000",
           "lastError":"connection refused","lastReason":"refused","state":"down","lastCheckedUtc":"2026-11-30T07:00:00Z"},
          {"name":"ollama","enabled":true,"healthy":true,"state":"up","model":"llama3.1:8b","endpoint":"http://ollama:11434",
           "lastError":null,"lastCheckedUtc":"2026-11-30T07:00:01Z"},
          {"name":"spare","enabled":true,"healthy":false,"state":"unknown","model":"m","endpoint":"http://spare",
           "lastError":null,"lastCheckedUtc":null}]}
        """;

    public const string TwoFallbacks = """
        {"fallbacks":[
          {"atUtc":"2026-11-30T07:00:05Z","backend":"vllm","reason":"refused","detail":"Connection refused (127.0.0.1:18000)"},
          {"atUtc":"2026-11-30T06:59:00Z","backend":"vllm","reason":"http-5xx","detail":"500 Internal Server Error"}]}
        """;

    public const string AllUp = """
        {"preferred":"vllm","active":"vllm","backends":[
          {"name":"vllm","enabled":true,"healthy":true,"state":"up","model":"qwen","endpoint":"http://vllm:8000","lastError":null,"lastCheckedUtc":null},
          {"name":"ollama","enabled":true,"healthy":true,"state":"up","model":"llama3.1:8b","endpoint":"http://ollama:11434","lastError":null,"lastCheckedUtc":null}]}
        """;

    public const string NoneUp = """
        {"preferred":"vllm","active":null,"backends":[
          {"name":"vllm","enabled":true,"healthy":false,"state":"down","model":"qwen","endpoint":"http://vllm:8000","lastError":"refused","lastCheckedUtc":null},
          {"name":"ollama","enabled":true,"healthy":false,"state":"down","model":"llama3.1:8b","endpoint":"http://ollama:11434","lastError":"refused","lastCheckedUtc":null}]}
        """;

    /// <summary>Local mode without model servers: the AppHost left both out.</summary>
    public const string NoneConfigured = """
        {"preferred":null,"active":null,"backends":[
          {"name":"vllm","enabled":false,"healthy":false,"state":"not_configured","model":"meta-llama/Meta-Llama-3.1-8B-Instruct","endpoint":null,"lastError":null,"lastCheckedUtc":null},
          {"name":"ollama","enabled":false,"healthy":false,"state":"not_configured","model":"llama3.1:8b","endpoint":null,"lastError":null,"lastCheckedUtc":null}]}
        """;
}
