namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Plain text: paragraphs are separated by blank lines. A line underlined with === or --- is a heading, and so is a
/// short ALL-CAPS line that stands alone as its paragraph (the usual style of typed SOPs).
/// </summary>
public sealed class PlainTextExtractor : IDocumentExtractor
{
    private const int MaxHeadingWords = 10;

    public DocumentFileFormat Format => DocumentFileFormat.Text;

    public ExtractedDocument Extract(Stream content, string fileName)
    {
        var text = TextDecoding.ReadAll(content, "plain");
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var collector = new SectionCollector();
        var paragraph = new List<string>();

        void EndParagraph()
        {
            if (paragraph.Count == 1 && IsCapitalisedHeading(paragraph[0]))
            {
                collector.StartSection(paragraph[0]);
            }
            else if (paragraph.Count > 0)
            {
                collector.AddParagraph(string.Join('\n', paragraph));
            }
            paragraph.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                EndParagraph();
            }
            else if (i + 1 < lines.Length && IsUnderline(lines[i + 1]) && !IsUnderline(line))
            {
                EndParagraph();
                collector.StartSection(line);
                i++;
            }
            else if (!IsUnderline(line))
            {
                paragraph.Add(line);
            }
        }
        EndParagraph();

        var firstLine = lines.Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !IsUnderline(line));
        return new ExtractedDocument(DocumentTitles.Choose(fileName, firstLine), collector.Finish());
    }

    private static bool IsUnderline(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 3 && (trimmed.All(c => c == '=') || trimmed.All(c => c == '-'));
    }

    private static bool IsCapitalisedHeading(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords
        && line.Count(char.IsLetter) >= 3
        && line.Where(char.IsLetter).All(char.IsUpper)
        && !line.EndsWith('.');
}
