namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Plain text: paragraphs are separated by blank lines. A line underlined with === or --- is a heading, and so is a
/// short ALL-CAPS line that stands alone as its paragraph (the usual style of typed SOPs), and a short line marked
/// the AsciiDoc or Markdown way (<c>= Chapter I</c>, <c>## Safety</c>), as plain-text exports of books and wikis have.
/// </summary>
public sealed class PlainTextExtractor : IDocumentExtractor
{
    private const int MaxHeadingWords = 10;
    private const int MaxMarkedHeadingWords = 25;

    public DocumentFileFormat Format => DocumentFileFormat.Text;

    public ExtractedDocument Extract(Stream content, string fileName, CancellationToken cancellationToken)
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
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                EndParagraph();
            }
            else if (MarkedHeading(line) is { } heading)
            {
                EndParagraph();
                collector.StartSection(heading);
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
        firstLine = firstLine is null ? null : MarkedHeading(firstLine) ?? firstLine;
        return new ExtractedDocument(DocumentTitles.Choose(fileName, firstLine), collector.Finish());
    }

    /// <summary>The heading of a line such as <c>= Title</c> or <c>### Title</c>: one to six marks, a space, a few words, no full stop.</summary>
    private static string? MarkedHeading(string line)
    {
        var marks = line.TakeWhile(c => c == line[0]).Count();
        if (line[0] is not ('=' or '#') || marks > 6 || marks >= line.Length || line[marks] != ' ')
        {
            return null;
        }
        var heading = line[marks..].Trim().TrimEnd('=', '#').Trim();
        // A sentence is not a heading: "# of rounds fired is logged." is a note.
        return heading.Length > 0 && !heading.EndsWith('.') && heading.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxMarkedHeadingWords
            ? heading
            : null;
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
