using System.Text;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// Bad uploads to <c>POST /api/documents</c>, written byte by byte so nothing in the client tidies them up: broken
/// multipart framing, wrong fields, empty or oversized files, too many parts, hostile file names. Every one of
/// <see cref="Cases"/> is refused as a whole (a broken request, or only files the API must refuse), so nothing of it is
/// stored; <see cref="MixedCases"/> hold good files beside refused ones, and each file gets its own outcome.
/// </summary>
public static class MultipartFuzzer
{
    public const string Path = "/api/documents";
    private const string Boundary = "fuzz-boundary-7f3a";

    private static readonly byte[] GoodText = Encoding.UTF8.GetBytes("Fuzz notes\n\nThe relay site for the fuzz run is on hill 517.");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0];

    public sealed record Part(string Field, string? FileName, byte[] Content, string? ExtraHeaders = null);

    /// <summary>
    /// An upload with good files beside refused ones: <paramref name="Refused"/> lists each refused file's status and
    /// name (null where the API may tidy the name), in upload order.
    /// </summary>
    public sealed record MixedCase(string Name, byte[] Body, IReadOnlyList<(int Status, string? Name)> Refused)
    {
        public bool MayBeRefusedWhole { get; init; }

        public string ContentType => $"multipart/form-data; boundary={Boundary}";

        public override string ToString() => $"[{Name.ReplaceLineEndings("⏎")}]";
    }

    public static IReadOnlyList<FuzzCase> Cases(Random random)
    {
        var good = new Part("files", "good.txt", GoodText);
        List<FuzzCase> cases =
        [
            Upload("no boundary in the content type", Body(Boundary, good), "multipart/form-data", 400),
            Upload("empty boundary", Body(Boundary, good), "multipart/form-data; boundary=", 400),
            Upload("boundary over 128 characters", Body(new string('b', 200), good), $"multipart/form-data; boundary={new string('b', 200)}", 400),
            Upload("body uses another boundary", Body("other-boundary", good), $"multipart/form-data; boundary={Boundary}", 400),
            Upload("empty multipart body", [], $"multipart/form-data; boundary={Boundary}"),
            Upload("only the closing boundary", Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"), $"multipart/form-data; boundary={Boundary}"),
            Upload("random bytes", RandomBytes(random, 2000), $"multipart/form-data; boundary={Boundary}"),
            Upload("multipart/mixed", Body(Boundary, good), $"multipart/mixed; boundary={Boundary}", 415),
            Upload("raw file, not multipart", GoodText, "text/plain", 415),
            Upload("JSON, not multipart", Encoding.UTF8.GetBytes("{\"files\":[\"x\"]}"), "application/json", 415),
            Upload("form-encoded field named files", Encoding.UTF8.GetBytes("files=Fuzz+notes"), "application/x-www-form-urlencoded"),
            Upload("no content type", Body(Boundary, good), null, 415),
            Upload("a text field, no file", Body(Boundary, new Part("title", null, Encoding.UTF8.GetBytes("Fuzz notes"))), expect: 400),
            Upload("an empty file in another field", Body(Boundary, new Part("document", "notes.txt", []))),
            Upload("zero-length file", Body(Boundary, new Part("files", "empty.txt", [])), expect: 400),
            Upload("zero-length file and a PNG", Body(Boundary, new Part("files", "empty.txt", []), new Part("files", "picture.png", Png)), expect: 400),
            Upload("a PNG and an EXE named .txt", Body(Boundary, new Part("files", "picture.png", Png), new Part("files", "readme.txt", Exe)), expect: 415),
            Upload("two files over the file limit", Body(Boundary, new Part("files", "huge.txt", Filler(FuzzTarget.MaxFileBytes + 1)),
                new Part("files", "huger.txt", Filler(FuzzTarget.MaxFileBytes + 2))), expect: 413),
            Upload("upload over the request limit", Body(Boundary, good, new Part("files", "huge.txt", Filler(FuzzTarget.MaxRequestBytes + 1))), expect: 413),
            Upload("one file more than allowed", Body(Boundary, Enumerable.Range(0, FuzzTarget.MaxFilesPerRequest + 1)
                .Select(i => new Part("files", $"n{i}.txt", Encoding.UTF8.GetBytes($"Note {i}\n\nFuzz note number {i}."))).ToArray()), expect: 400),
            Upload("2000 text fields", Body(Boundary, Enumerable.Range(0, 2000).Select(i => new Part($"f{i}", null, [(byte)'x'])).Append(good).ToArray()), expect: 400),
            Upload("1500 empty files", Body(Boundary, Enumerable.Range(0, 1500).Select(i => new Part("files", $"e{i}.txt", [])).ToArray()), expect: 400),
            Upload("a part header over 16 KB", Body(Boundary, new Part("files", "good.txt", GoodText, $"X-Padding: {new string('h', 20_000)}\r\n")), expect: 400),
            Upload("a part with no content disposition", RawPart("Content-Type: text/plain\r\n", GoodText)),
            Upload("a part with a broken content disposition", RawPart("Content-Disposition: form-data; name=\"files; filename=\r\n", GoodText)),
        ];
        foreach (var name in HostileFileNames())
        {
            cases.Add(Upload($"empty file named {Abbreviate(name)}", Body(Boundary, new Part("files", name, []))));
            cases.Add(Upload($"PNG named {Abbreviate(name)}", Body(Boundary, new Part("files", name, Png))));
        }
        for (var i = 0; i < 6; i++)
        {
            // Any cut before the closing boundary leaves the body unfinished.
            var whole = Body(Boundary, good, new Part("files", "second.txt", Encoding.UTF8.GetBytes("Second note\n\nMore text.")));
            var closing = Encoding.ASCII.GetBytes($"--{Boundary}--");
            var cut = random.Next(0, whole.AsSpan().LastIndexOf(closing));
            cases.Add(Upload($"truncated at {cut}", whole[..cut], expect: 400));
        }
        for (var i = 0; i < 6; i++)
        {
            cases.Add(Upload($"random refusals #{i}", Body(Boundary, RandomParts(random, good: null))));
        }
        return cases;
    }

    /// <summary>Uploads with good files beside refused ones: the good ones are stored, each refused one is listed.</summary>
    public static IReadOnlyList<MixedCase> MixedCases(Random random)
    {
        var good = new Part("files", "good.txt", GoodText);
        List<MixedCase> cases =
        [
            Mixed("good file and zero-length file", [good, new Part("files", "empty.txt", [])], (400, "empty.txt")),
            Mixed("good file and a PNG", [good, new Part("files", "picture.png", Png)], (415, "picture.png")),
            Mixed("good file and an EXE named .txt", [good, new Part("files", "readme.txt", Exe)], (415, "readme.txt")),
            Mixed("good file and one over the file limit", [good, new Part("files", "huge.txt", Filler(FuzzTarget.MaxFileBytes + 1))], (413, "huge.txt")),
        ];
        foreach (var name in HostileFileNames())
        {
            // The name may break the part's headers, and then the whole upload is refused; otherwise the PNG alone is.
            cases.Add(Mixed($"good file and a PNG named {Abbreviate(name)}", [good, new Part("files", name, Png)], (415, null)) with { MayBeRefusedWhole = true });
        }
        for (var i = 0; i < 6; i++)
        {
            var parts = RandomParts(random, good);
            var refused = parts.Where(p => p.FileName is not null && !p.FileName.StartsWith("good", StringComparison.Ordinal))
                .Select(p => (Status: RefusalStatus(p), Name: (string?)p.FileName)).ToArray();
            cases.Add(new MixedCase($"random mix #{i}", Body(Boundary, parts), refused));
        }
        return cases;
    }

    private static IEnumerable<string> HostileFileNames() =>
    [
        "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "a\0b.txt", "\0", new string('n', 1000) + ".txt",
        "%2e%2e%2fetc%2fpasswd.txt", "con.txt", " .txt", "ünïcødé-😀.txt", "line\r\nbreak.txt", "quote\".txt",
    ];

    /// <summary>
    /// One to five parts in random order, at least one of them refused (empty, unsupported or too large); with
    /// <paramref name="good"/>, at least one good file too, else only refused ones.
    /// </summary>
    private static Part[] RandomParts(Random random, Part? good)
    {
        Part[] refused =
        [
            new("files", "empty.md", []),
            new("files", "image.png", Png),
            new("files", "tool.exe", Exe),
            new("files", "big.txt", Filler(FuzzTarget.MaxFileBytes + 1 + random.Next(1000))),
        ];
        var parts = new List<Part> { refused[random.Next(refused.Length)] };
        if (good is not null)
        {
            parts.Add(good);
        }
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            parts.Add(random.Next(3) == 0 || good is null ? refused[random.Next(refused.Length)] : good with { FileName = $"good{i}.txt" });
        }
        return parts.OrderBy(_ => random.Next()).ToArray();
    }

    private static int RefusalStatus(Part part) =>
        part.Content.Length == 0 ? 400 : part.Content.Length > FuzzTarget.MaxFileBytes ? 413 : 415;

    private static MixedCase Mixed(string name, Part[] parts, params (int Status, string? Name)[] refused) => new(name, Body(Boundary, parts), refused);

    private static FuzzCase Upload(string name, byte[] body, string? contentType = $"multipart/form-data; boundary={Boundary}", int? expect = null) =>
        FuzzCase.Post(name, Path, body, contentType) with { Expect = expect };

    public static byte[] Body(string boundary, params Part[] parts)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            var disposition = part.FileName is null
                ? $"form-data; name=\"{part.Field}\""
                : $"form-data; name=\"{part.Field}\"; filename=\"{part.FileName}\"";
            var contentType = part.FileName is null ? "" : "Content-Type: application/octet-stream\r\n";
            Write(body, $"--{boundary}\r\nContent-Disposition: {disposition}\r\n{contentType}{part.ExtraHeaders}\r\n");
            body.Write(part.Content);
            Write(body, "\r\n");
        }
        Write(body, $"--{boundary}--\r\n");
        return body.ToArray();
    }

    private static byte[] RawPart(string headers, byte[] content)
    {
        using var body = new MemoryStream();
        Write(body, $"--{Boundary}\r\n{headers}\r\n");
        body.Write(content);
        Write(body, $"\r\n--{Boundary}--\r\n");
        return body.ToArray();
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    private static byte[] Filler(int length) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("filler text. ", length / 13 + 1)))[..length];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Abbreviate(string name) => name.Length <= 40 ? name : name[..20] + $"…({name.Length} chars)";
}
