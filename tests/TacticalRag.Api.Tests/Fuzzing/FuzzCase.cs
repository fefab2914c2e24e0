using System.Text;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// One hostile request. <paramref name="MayBeServed"/> is for reads, which may answer 200; everything else a fuzzer
/// sends is bad by construction and must be refused with a 4xx: <paramref name="Expect"/> when there is only one right one.
/// </summary>
public sealed record FuzzCase(
    string Name, HttpMethod Method, string Path, byte[]? Body = null, string? ContentType = null, bool MayBeServed = false, int? Expect = null)
{
    public static FuzzCase Post(string name, string path, byte[]? body, string? contentType = "application/json") =>
        new(name, HttpMethod.Post, path, body, contentType);

    public static FuzzCase PostText(string name, string path, string body, string? contentType = "application/json") =>
        Post(name, path, Encoding.UTF8.GetBytes(body), contentType);

    public override string ToString()
    {
        var body = Body is null ? "no body" : $"{Body.Length} bytes: {Preview(Body)}";
        return $"[{Name.ReplaceLineEndings("⏎")}] {Method} {Abbreviate(Path, 120)} ({ContentType ?? "no content type"}; {body})";
    }

    private static string Preview(byte[] body) =>
        Abbreviate(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 160)).ReplaceLineEndings("⏎").Replace('\0', '␀'), 100);

    private static string Abbreviate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
