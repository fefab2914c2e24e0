namespace TacticalRag.SampleGenerator;

public enum BlockKind { Heading1, Heading2, Paragraph, TableRow, PageBreak }

public sealed record SourceBlock(BlockKind Kind, string Text, IReadOnlyList<string> Cells);

/// <summary>
/// A sample document written as plain text: "title:" and "file:" lines, then "# " and "## " headings, paragraphs
/// separated by blank lines, "| a | b |" table rows and "---page---" page breaks (PDF only).
/// </summary>
public sealed record SampleSource(string Title, string FileName, IReadOnlyList<SourceBlock> Blocks)
{
    public static SampleSource Parse(string text)
    {
        string? title = null, fileName = null;
        var blocks = new List<SourceBlock>();
        foreach (var block in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("title: ", StringComparison.Ordinal))
                {
                    title = line["title: ".Length..];
                }
                else if (line.StartsWith("file: ", StringComparison.Ordinal))
                {
                    fileName = line["file: ".Length..];
                }
                else if (line.StartsWith('|'))
                {
                    var cells = line.Trim('|').Split('|').Select(cell => cell.Trim()).ToList();
                    blocks.Add(new SourceBlock(BlockKind.TableRow, string.Join(" | ", cells), cells));
                }
            }
            var first = block.Split('\n')[0];
            if (first.StartsWith("title: ", StringComparison.Ordinal) || first.StartsWith('|'))
            {
                continue;
            }
            var kind = first switch
            {
                "---page---" => BlockKind.PageBreak,
                _ when first.StartsWith("## ", StringComparison.Ordinal) => BlockKind.Heading2,
                _ when first.StartsWith("# ", StringComparison.Ordinal) => BlockKind.Heading1,
                _ => BlockKind.Paragraph,
            };
            var content = kind == BlockKind.Paragraph ? block.Replace('\n', ' ') : first.TrimStart('#', ' ');
            blocks.Add(new SourceBlock(kind, content, []));
        }
        return new SampleSource(
            title ?? throw new InvalidDataException("A source needs a 'title:' line."),
            fileName ?? throw new InvalidDataException("A source needs a 'file:' line."),
            blocks);
    }
}
