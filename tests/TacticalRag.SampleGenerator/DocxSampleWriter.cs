using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TacticalRag.SampleGenerator;

/// <summary>Writes a sample as a Word document with real Title and Heading styles and tables for table rows.</summary>
public static class DocxSampleWriter
{
    private static readonly DateTime Issued = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static byte[] Write(SampleSource source)
    {
        using var package = new MemoryStream();
        using (var word = WordprocessingDocument.Create(package, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = source.Title;
            word.PackageProperties.Creator = "1st Signal Recon Company";
            word.PackageProperties.Created = Issued;
            word.PackageProperties.Modified = Issued;
            var main = word.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
            var body = new Body();
            Table? table = null;
            var firstHeading = true;
            foreach (var block in source.Blocks)
            {
                if (block.Kind != BlockKind.TableRow)
                {
                    table = null;
                }
                switch (block.Kind)
                {
                    case BlockKind.Heading1:
                        body.Append(StyledParagraph(block.Text, firstHeading ? "Title" : "Heading1"));
                        firstHeading = false;
                        break;
                    case BlockKind.Heading2:
                        body.Append(StyledParagraph(block.Text, "Heading2"));
                        break;
                    case BlockKind.TableRow:
                        if (table is null)
                        {
                            table = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
                            body.Append(table);
                        }
                        table.Append(new TableRow(block.Cells.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell)))))));
                        break;
                    case BlockKind.Paragraph:
                        body.Append(new Paragraph(new Run(new Text(block.Text) { Space = SpaceProcessingModeValues.Preserve })));
                        break;
                }
            }
            main.Document = new Document(body);
        }
        return package.ToArray();
    }

    private static Paragraph StyledParagraph(string text, string styleId) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text)));
}
