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
}
