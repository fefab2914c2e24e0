namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Plain text: paragraphs are separated by blank lines. A line underlined with === or --- is a heading, and so is a
/// short ALL-CAPS line that stands alone as its paragraph (the usual style of typed SOPs), a short line marked
/// the AsciiDoc or Markdown way (<c>= Chapter I</c>, <c>## Safety</c>), as plain-text exports of books and wikis have,
/// and a numbered or lettered title standing alone as its paragraph (<c>6. Conveying Non-Source Forms.</c> in the GPL,
/// <c>1.2 What is this spec?</c>, <c>A. Scope</c>), as licences, specifications and standards number their sections.
/// </summary>
internal sealed partial class PlainTextExtractor : IDocumentExtractor
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
        var atStart = true;

        void EndParagraph()
        {
            if (paragraph.Count == 1 && IsCapitalisedHeading(paragraph[0]))
            {
                collector.StartSection(paragraph[0]);
            }
            // The first line is the document's title ("J. Durward Morsch", "1. FC Köln"), never a numbered section.
            else if (paragraph.Count == 1 && !atStart && NumberedHeading(paragraph[0]) is { } numbered)
            {
                collector.StartSection(numbered);
            }
            else if (paragraph.Count > 0)
            {
                collector.AddParagraph(string.Join('\n', paragraph));
            }
            atStart &= paragraph.Count == 0;
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
                atStart = false;
            }
            else if (i + 1 < lines.Length && IsUnderline(lines[i + 1]) && !IsUnderline(line))
            {
                EndParagraph();
                collector.StartSection(line);
                atStart = false;
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

    /// <summary>
    /// The heading of a line such as <c>6. Conveying Non-Source Forms.</c>, <c>1.2 What is this spec?</c> or <c>A. Scope</c>:
    /// an enumerator, then a title of at most <see cref="MaxHeadingWords"/> words whose longer words are capitalised
    /// (a numbered step, "3. Check the antenna before you transmit.", is a sentence, not a title), without its closing
    /// full stop. A question counts (specifications title sections with them); a line ending in ',' or ':' does not.
    /// </summary>
    internal static string? NumberedHeading(string line)
    {
        var match = Enumerated().Match(line);
        if (!match.Success)
        {
            return null;
        }
        var title = match.Groups["title"].Value.Trim();
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxHeadingWords || title.Count(char.IsLetter) < 3 || title[^1] is ',' or ':' or ';'
            || title.TrimEnd('.').Contains(". ", StringComparison.Ordinal))
        {
            return null;
        }
        var question = title.EndsWith('?');
        var longWords = words.Select(w => w.Trim('"', '\'', '(', ')')).Where(w => w.Count(char.IsLetter) >= 4).ToList();
        if (!question && (longWords.Count == 0 || !longWords.All(w => char.IsUpper(w[0]))))
        {
            return null;
        }
        return $"{match.Groups["number"].Value} {title.TrimEnd('.')}";
    }

    /// <summary>"6." "1.2" "1.2." "A." "(b)" "IV." then a space and the title; a lone number needs its full stop ("24 Sussex Drive" is a name).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<number>\d{1,3}(\.\d{1,3})+\.?|\d{1,3}\.|[A-Z]\.|\([a-z]\)|[IVXLC]{1,6}\.)\s+(?<title>\S.*)$")]
    private static partial System.Text.RegularExpressions.Regex Enumerated();

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
