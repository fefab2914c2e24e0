using System.Text;

namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Undoes the commonest mojibake: UTF-8 text that was once decoded as Latin-1 or Windows-1252 ("itâ€™s" for "it’s",
/// "cafÃ©" for "café"). A run of characters is replaced only when, taken back to those single bytes, it is one valid
/// multi-byte UTF-8 character other than a C1 control; everything else (plain ASCII, real accents) is left alone.
/// </summary>
internal static class MojibakeRepair
{
    private static readonly Dictionary<char, byte> Windows1252Extras = BuildWindows1252Extras();

    public static string Repair(string text)
    {
        StringBuilder? repaired = null;
        var copiedUpTo = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (TryDecodeAt(text, i) is not { } decoded)
            {
                continue;
            }
            repaired ??= new StringBuilder(text.Length);
            repaired.Append(text, copiedUpTo, i - copiedUpTo).Append(decoded.Rune.ToString());
            copiedUpTo = i + decoded.Length;
            i += decoded.Length - 1;
        }
        return repaired is null ? text : repaired.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    private static (Rune Rune, int Length)? TryDecodeAt(string text, int start)
    {
        if (!TryGetByte(text[start], out var lead) || lead is < 0xC2 or > 0xF4)
        {
            return null;
        }
        var length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (start + length > text.Length)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[4];
        bytes[0] = lead;
        for (var k = 1; k < length; k++)
        {
            if (!TryGetByte(text[start + k], out bytes[k]) || bytes[k] is < 0x80 or > 0xBF)
            {
                return null;
            }
        }
        // The decoder rejects overlong forms and surrogates; a C1 result would only trade one control for another.
        if (Rune.DecodeFromUtf8(bytes[..length], out var rune, out var consumed) != System.Buffers.OperationStatus.Done
            || consumed != length || rune.Value is >= 0x80 and <= 0x9F)
        {
            return null;
        }
        return length == 2 && LooksLikeRealAccentBeforePunctuation(text, start) ? null : (rune, length);
    }

    /// <summary>
    /// "CAFÉ’s" is an accented capital ending a word before a curly quote, which Windows-1252 bytes would also read
    /// as UTF-8. Mojibake of a two-byte character starts with Ã or Â far more often than inside a word, so a
    /// two-byte run with a Windows-1252 punctuation mark is kept when it follows a letter and starts otherwise.
    /// </summary>
    private static bool LooksLikeRealAccentBeforePunctuation(string text, int start) =>
        text[start + 1] > '\u00FF' && text[start] is not ('Ã' or 'Â') && start > 0 && char.IsLetter(text[start - 1]);

    /// <summary>The single byte that Latin-1 or Windows-1252 would have decoded to this character.</summary>
    private static bool TryGetByte(char c, out byte value)
    {
        if (c <= '\u00FF')
        {
            value = (byte)c;
            return true;
        }
        return Windows1252Extras.TryGetValue(c, out value);
    }

    private static Dictionary<char, byte> BuildWindows1252Extras()
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;
        var extras = new Dictionary<char, byte>();
        for (var b = 0x80; b <= 0x9F; b++)
        {
            var c = encoding.GetString([(byte)b])[0];
            if (c > '\u00FF')
            {
                extras[c] = (byte)b;
            }
        }
        return extras;
    }
}
