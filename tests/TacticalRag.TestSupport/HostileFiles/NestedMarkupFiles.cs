using System.IO.Compression;
using System.Text;

namespace TacticalRag.TestSupport.HostileFiles;

/// <summary>
/// Files whose markup nests deeper than any parser should be asked to build (the hostile uploads of the tests and the
/// bench's <c>hostile-text</c> suite), built here by hand: a Word file is written as raw XML in a ZIP, because the
/// Open XML SDK itself could not hold one.
/// </summary>
public static class NestedMarkupFiles
{
    /// <summary>A .docx whose document.xml nests <paramref name="levels"/> tables, each in the one cell of the one before.</summary>
    public static byte[] NestedTablesDocx(int levels)
    {
        var body = new StringBuilder("<w:p><w:r><w:t>Nested tables</w:t></w:r></w:p>");
        body.Insert(body.Length, "<w:tbl><w:tr><w:tc>", levels);
        body.Append("<w:p><w:r><w:t>deepest cell</w:t></w:r></w:p>");
        body.Insert(body.Length, "</w:tc></w:tr></w:tbl>", levels);
        return Docx(body.ToString());
    }

    /// <summary>A Word file with ordinary content, for an upload that holds a hostile file and a good one.</summary>
    public static byte[] PlainDocx(string text) => Docx($"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p>");

    /// <summary>An HTML page of <paramref name="levels"/> nested &lt;div&gt;s (100,000 of them make 1.1 MB).</summary>
    public static byte[] NestedDivsHtml(int levels)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Nested</title></head><body>");
        html.Insert(html.Length, "<div>", levels).Append("deepest").Insert(html.Length, "</div>", levels).Append("</body></html>");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>A Markdown list <paramref name="levels"/> deep, each item indented three columns more than its parent.</summary>
    public static byte[] NestedListMarkdown(int levels)
    {
        var markdown = new StringBuilder("# Nested list\n\n");
        for (var level = 0; level < levels; level++)
        {
            markdown.Append(' ', level * 3).Append("- item ").Append(level).Append('\n');
        }
        return Encoding.UTF8.GetBytes(markdown.ToString());
    }

    private static byte[] Docx(string bodyXml)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Add(zip, "word/document.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + bodyXml + "</w:body></w:document>");
        }
        return stream.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
