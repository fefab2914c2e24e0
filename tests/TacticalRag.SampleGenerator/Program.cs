using TacticalRag.SampleGenerator;

// Usage: dotnet run --project tests/TacticalRag.SampleGenerator [-- <samples folder>]
// Writes each Content/*.txt source as the PDF or DOCX its "file:" line names.
var samples = args.Length > 0 ? args[0] : FindSamplesFolder();
foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Content"), "*.txt").Order(StringComparer.Ordinal))
{
    var source = SampleSource.Parse(File.ReadAllText(path));
    var bytes = Path.GetExtension(source.FileName) switch
    {
        ".pdf" => PdfSampleWriter.Write(source),
        ".docx" => DocxSampleWriter.Write(source),
        var other => throw new InvalidDataException($"{path}: cannot write '{other}' files."),
    };
    var target = Path.Combine(samples, source.FileName);
    File.WriteAllBytes(target, bytes);
    Console.WriteLine($"{target} ({bytes.Length:N0} bytes)");
}

static string FindSamplesFolder()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "TacticalRag.sln")))
        {
            return Path.Combine(directory.FullName, "samples");
        }
    }
    throw new DirectoryNotFoundException("Run from inside the repository, or pass the samples folder as the first argument.");
}
