using DocumentFormat.OpenXml.Wordprocessing;

namespace TacticalRag.SampleGenerator;

/// <summary>The few styles a sample uses, defined as Word defines its built-in ones (name, outline level, look).</summary>
public static class DocxStyles
{
    public static Styles Create() => new(
        ParagraphStyle("Normal", "Normal", outlineLevel: null, size: 22, bold: false),
        ParagraphStyle("Title", "Title", outlineLevel: null, size: 48, bold: true),
        ParagraphStyle("Heading1", "heading 1", outlineLevel: 0, size: 32, bold: true),
        ParagraphStyle("Heading2", "heading 2", outlineLevel: 1, size: 26, bold: true),
        new Style(new StyleName { Val = "Table Grid" }, new StyleTableProperties(new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
        { Type = StyleValues.Table, StyleId = "TableGrid" });

    private static Style ParagraphStyle(string id, string name, int? outlineLevel, int size, bool bold)
    {
        var paragraph = new StyleParagraphProperties(new SpacingBetweenLines { Before = outlineLevel is null ? "0" : "240", After = "120" });
        if (outlineLevel is { } level)
        {
            paragraph.Append(new KeepNext(), new OutlineLevel { Val = level });
        }
        var run = new StyleRunProperties(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            run.PrependChild(new Bold());
        }
        var style = new Style(new StyleName { Val = name }, paragraph, run) { Type = StyleValues.Paragraph, StyleId = id };
        if (id != "Normal")
        {
            style.InsertAfter(new BasedOn { Val = "Normal" }, style.StyleName);
            style.InsertAfter(new PrimaryStyle(), style.GetFirstChild<BasedOn>());
        }
        return style;
    }
}
