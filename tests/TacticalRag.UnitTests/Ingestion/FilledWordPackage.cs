using System.IO.Compression;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>A .docx-shaped zip whose document part is <c>megabytes</c> of one repeated byte: tiny packed, huge unpacked.</summary>
internal static class FilledWordPackage
{
    public static byte[] Create(byte fill, int megabytes)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }
            using var document = archive.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            var block = new byte[1 << 20];
            block.AsSpan().Fill(fill);
            for (var i = 0; i < megabytes; i++)
            {
                document.Write(block);
            }
        }
        return zip.ToArray();
    }
}
