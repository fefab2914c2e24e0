using System.Text;
using System.Text.Unicode;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>Turns a text file's bytes into a string: UTF-8, UTF-16 (by byte order mark) or Windows-1252; null for binary.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    public static string? TryDecode(ReadOnlySpan<byte> bytes)
    {
        string? text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = Utf8.IsValid(bytes[3..]) ? StrictUtf8.GetString(bytes[3..]) : null;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = DecodeUtf16(bytes[2..], bigEndian: bytes[0] == 0xFE);
        }
        else if (Utf8.IsValid(bytes))
        {
            text = StrictUtf8.GetString(bytes);
        }
        else
        {
            // Not UTF-8: an older single-byte file, most likely Windows-1252; binary content fails the control check.
            text = Windows1252.GetString(bytes);
        }
        return text is not null && LooksLikeText(text) ? text : null;
    }

    /// <summary>
    /// Reads a whole text file for an extractor, with mojibake repaired (<see cref="MojibakeRepair"/>); binary or
    /// undecodable content is unreadable.
    /// </summary>
    public static string ReadAll(Stream content, string formatName)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        if (buffer.Length == 0)
        {
            throw new DocumentUnreadableException("The file is empty.");
        }
        var text = TryDecode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw new DocumentUnreadableException($"The file is not readable as {formatName} text (binary content or an unknown encoding).");
        return MojibakeRepair.Repair(text);
    }

    private static string? DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        if (bytes.Length % 2 != 0)
        {
            return null;
        }
        try
        {
            return new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // Text files hold no NUL and almost no other C0 control characters; binary formats are full of them. C1 controls
    // (U+0080-U+009F) are not counted: scraped text is full of them where UTF-8 was once decoded as Latin-1.
    internal static bool LooksLikeText(string text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return false;
            }
            if ((c < ' ' || c == '\u007F') && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                controls++;
            }
        }
        return controls <= text.Length / 100;
    }
}
