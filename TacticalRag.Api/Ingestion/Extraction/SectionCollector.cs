using System.Text;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Gathers paragraphs under the current heading and page into <see cref="ExtractedSection"/>s, tidying whitespace:
/// runs of spaces collapse, lines are trimmed, empty lines and empty sections vanish. Chat-template tokens and invisible
/// format characters are taken out here, for every format (<see cref="PromptText.CleanDocumentText"/>).
/// </summary>
internal sealed class SectionCollector
{
    private const int MaxHeadingLength = 200;
    private readonly List<ExtractedSection> _sections = [];
    private readonly List<string> _paragraphs = [];
    private string? _heading;
    private int? _page;
    private long _characters;

    public string? FirstHeading { get; private set; }

    public void StartSection(string heading, int? page = null)
    {
        Flush();
        var clean = CollapseSpaces(PromptText.CleanDocumentText(heading).Replace('\n', ' ')).Trim();
        _heading = clean.Length == 0 ? null : clean.Length > MaxHeadingLength ? clean[..MaxHeadingLength] : clean;
        FirstHeading ??= _heading;
        _page = page;
    }

    /// <summary>Adds a heading's continuation (a heading wrapped over two lines) while its section is still empty.</summary>
    public void ExtendHeading(string more)
    {
        var wasFirst = FirstHeading == _heading;
        _heading = $"{_heading} {CollapseSpaces(PromptText.CleanDocumentText(more).Replace('\n', ' ')).Trim()}".Trim();
        _heading = _heading.Length > MaxHeadingLength ? _heading[..MaxHeadingLength] : _heading;
        FirstHeading = wasFirst ? _heading : FirstHeading;
    }

    /// <summary>A new page under the same heading: the section goes on, but its text from here is on this page.</summary>
    public void StartPage(int page)
    {
        Flush();
        _page = page;
    }

    public void AddParagraph(string text)
    {
        var lines = PromptText.CleanDocumentText(text).Split('\n')
            .Select(line => CollapseSpaces(line).Trim())
            .Where(line => line.Length > 0);
        var paragraph = string.Join('\n', lines);
        if (paragraph.Length == 0)
        {
            return;
        }
        _characters += paragraph.Length;
        if (_characters > ExtractionLimits.MaxTextCharacters)
        {
            throw ExtractionLimits.TooMuchText();
        }
        _paragraphs.Add(paragraph);
    }

    public IReadOnlyList<ExtractedSection> Finish()
    {
        Flush();
        return _sections;
    }

    private void Flush()
    {
        if (_paragraphs.Count > 0)
        {
            _sections.Add(new ExtractedSection(_heading, _page, string.Join("\n\n", _paragraphs)));
            _paragraphs.Clear();
        }
    }

    private static string CollapseSpaces(string line)
    {
        var builder = new StringBuilder(line.Length);
        var lastWasSpace = false;
        foreach (var c in line)
        {
            var isSpace = char.IsWhiteSpace(c) || c == '\u00A0';
            if (!isSpace || !lastWasSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }
            lastWasSpace = isSpace;
        }
        return builder.ToString();
    }
}
