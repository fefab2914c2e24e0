namespace TacticalRag.Web.Tests;

/// <summary><c>/api/ask/stream</c> events as the API writes them.</summary>
internal static class AskSse
{
    public const string ConversationId = "01a22b79ecb8715190e16a20f1d08e68";

    public const string RadioCitations = $$"""
        event: citations
        data: {"citations":[{"index":1,"documentId":"2edcd7a97e729388","title":"AN/PRC-990 Tactical Radio - Operator Manual","chunkId":"2edcd7a97e729388-00007","text":"Zeroizing erases every key in the radio.","section":"6. Zeroizing","page":2},{"index":2,"documentId":"fda854ff0ef8fa36","title":"SOP 3-01: Radio Procedures","chunkId":"fda854ff0ef8fa36-00001","text":"This SOP sets out how the company runs its radio nets.","section":"Purpose and Scope","page":null}],"strategy":"factual","conversationId":"{{ConversationId}}","standaloneQuestion":"How do I zeroize the radio?"}


        """;

    public static string Token(string text) =>
        $"event: token\ndata: {System.Text.Json.JsonSerializer.Serialize(new { text })}\n\n";

    public static string Done(string backend, bool fallback, string model = "llama3.1:8b", string cited = "[1]") =>
        $$$"""
        event: done
        data: {"backend":"{{{backend}}}","model":"{{{model}}}","fallback":{{{(fallback ? "true" : "false")}}},"conversationId":"{{{ConversationId}}}","strategy":"factual","cached":false,"cited":{{{cited}}},"timings":{"retrievalMs":12,"generationMs":1500,"totalMs":1534}}


        """;

    public static string Error(string detail) => $"event: error\ndata: {System.Text.Json.JsonSerializer.Serialize(new { detail })}\n\n";
}
