using System.Text;
using System.Text.Json;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// Bad bodies for a JSON endpoint, each bad by construction (so each must be refused): malformed and truncated JSON,
/// each field with a wrong type or out of range, huge strings, deep nesting, invalid UTF-8, wrong content types, and
/// repeatable random bytes and random JSON.
/// </summary>
public static class JsonBodyFuzzer
{
    private static readonly string[] WrongForText = ["42", "true", "[]", "{\"text\":\"x\"}", "-1.5e3"];
    private static readonly string[] WrongForInteger = ["\"many\"", "true", "[3]", "{}", "1.5", "1e400", "99999999999", "0", "-1", "1000000"];
    private static readonly string[] WrongForNumber = ["\"warm\"", "false", "[]", "{}", "-1", "2.5", "1e400"];

    /// <summary>What the API must refuse although the body is fine: it is not labelled as JSON.</summary>
    private static readonly string?[] WrongContentTypes =
        [null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "nonsense", "application/jsonp"];

    private static readonly byte[][] InvalidUtf8 =
        [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80, 0x80]];

    public static IReadOnlyList<FuzzCase> Cases(JsonEndpointShape shape, Random random)
    {
        var path = shape.Path;
        var required = shape.Required;
        List<FuzzCase> cases =
        [
            FuzzCase.Post("empty body", path, []),
            new FuzzCase("no body, no content type", HttpMethod.Post, path, Expect: 415),
            FuzzCase.PostText("missing required field", path, "{}"),
            FuzzCase.PostText("unknown fields only", path, "{\"foo\":\"bar\",\"n\":1}"),
            FuzzCase.PostText("required field null", path, shape.ValidBody(Replace(required, "null"))),
            FuzzCase.PostText("required field blank", path, shape.ValidBody(Replace(required, "\" \\t\\n \""))),
            FuzzCase.PostText("wrong field name case and typo", path, $"{{\"{required.Name.ToUpperInvariant()}x\":{required.ValidJson}}}"),
        ];
        cases.AddRange(new[] { "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"\":}", "[{}]", "{\"a\" \"b\"}", "{,}" }
            .Select(json => FuzzCase.PostText($"not an object: {json}", path, json)));

        foreach (var field in shape.Fields)
        {
            var wrong = field.Kind switch
            {
                FieldKind.Text => WrongForText,
                FieldKind.Integer => WrongForInteger,
                _ => WrongForNumber,
            };
            cases.AddRange(wrong.Select(value => FuzzCase.PostText($"{field.Name} = {value}", path, shape.ValidBody(Replace(field, value)))));
        }
        if (shape.Optional.FirstOrDefault(f => f.Name == "conversationId") is { } conversation)
        {
            cases.AddRange(new[] { "\"\"", "\"../../etc/passwd\"", $"\"{new string('a', 65)}\"", "\"a\\u0000b\"", "\"ünïcødé\"", "\"nosuchconversation\"" }
                .Select(value => FuzzCase.PostText($"conversationId = {value}", path, shape.ValidBody(Replace(conversation, value)))
                    with { Expect = value == "\"nosuchconversation\"" ? 404 : 400 }));
        }

        cases.AddRange(Huge(shape));
        cases.AddRange(DeepNesting(shape));
        cases.AddRange(InvalidUtf8Bodies(shape));
        cases.AddRange(WrongContentTypes.Select(type => FuzzCase.PostText($"content type {type ?? "missing"}", path, shape.ValidBody(), type) with { Expect = 415 }));
        cases.Add(FuzzCase.PostText("form-encoded body", path, $"{required.Name}=hello", "application/x-www-form-urlencoded") with { Expect = 415 });
        cases.Add(FuzzCase.Post("UTF-16 body", path, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(shape.ValidBody())).ToArray(), "application/json; charset=utf-16"));
        cases.AddRange(RandomJsonBodies.Cases(shape, random));
        // Every body here is refused as malformed or invalid (400) unless the case says otherwise.
        return cases.Select(c => c.Expect is null && c.Body is not null ? c with { Expect = 400 } : c).ToArray();
    }

    private static IEnumerable<FuzzCase> Huge(JsonEndpointShape shape)
    {
        var path = shape.Path;
        var field = shape.Required;
        yield return FuzzCase.PostText("text one over the limit", path, shape.ValidBody(Replace(field, Quoted(new string('x', shape.MaxTextChars + 1)))));
        yield return FuzzCase.PostText("text of emoji over the limit", path, shape.ValidBody(Replace(field, Quoted(string.Concat(Enumerable.Repeat("😀", shape.MaxTextChars / 2 + 1))))));
        var belowBodyLimit = Math.Min(shape.MaxBodyBytes - 200, shape.MaxTextChars * 10);
        yield return FuzzCase.PostText("text ten times the limit", path, shape.ValidBody(Replace(field, Quoted(new string('y', belowBodyLimit)))));
        yield return FuzzCase.PostText("body over the size limit", path, shape.ValidBody(Replace(field, Quoted(new string('z', shape.MaxBodyBytes + 1))))) with { Expect = 413 };
        yield return FuzzCase.PostText("unknown field over the size limit", path, shape.ValidBody(extra: $",\"padding\":{Quoted(new string('p', shape.MaxBodyBytes))}")) with { Expect = 413 };
        yield return FuzzCase.PostText("number of 5000 digits", path, shape.ValidBody(extra: $",\"{shape.Optional[0].Name}\":1{new string('0', 5000)}"));
    }

    private static IEnumerable<FuzzCase> DeepNesting(JsonEndpointShape shape)
    {
        var path = shape.Path;
        foreach (var depth in new[] { 65, 1000, 60_000 })
        {
            yield return FuzzCase.PostText($"required field nested {depth} deep", path, shape.ValidBody(Replace(shape.Required, Nested(depth))));
        }
        foreach (var depth in new[] { 65, 500 })
        {
            yield return FuzzCase.PostText($"unknown field nested {depth} deep", path, shape.ValidBody(extra: $",\"deep\":{Nested(depth)}"));
        }
        yield return FuzzCase.PostText("objects nested 200 deep", path,
            string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200));
        yield return FuzzCase.PostText("10000 unclosed arrays", path, new string('[', 10_000));
    }

    private static IEnumerable<FuzzCase> InvalidUtf8Bodies(JsonEndpointShape shape)
    {
        var body = shape.ValidBody();
        var inString = body.IndexOf(shape.Required.ValidJson, StringComparison.Ordinal) + 1;
        var inName = body.IndexOf(shape.Required.Name, StringComparison.Ordinal) + 1;
        foreach (var bad in InvalidUtf8)
        {
            yield return FuzzCase.Post($"invalid UTF-8 {Convert.ToHexString(bad)} in a string", shape.Path, Splice(body, inString, bad));
        }
        yield return FuzzCase.Post("invalid UTF-8 in a property name", shape.Path, Splice(body, inName, [0xFE]));
        yield return FuzzCase.Post("invalid UTF-8 outside strings", shape.Path, Splice(body, 1, [0xC3]));
        foreach (var escape in new[] { "\\ud800", "\\udc00tail", "\\ud800\\ud800", "\\u00", "\\x41", "\\" })
        {
            yield return FuzzCase.PostText($"escape {escape} in a string", shape.Path, shape.ValidBody(Replace(shape.Required, $"\"a{escape}\"")));
        }
    }

    private static Dictionary<string, string> Replace(JsonField field, string json) => new() { [field.Name] = json };

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static byte[] Splice(string body, int at, byte[] inserted)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }
}
