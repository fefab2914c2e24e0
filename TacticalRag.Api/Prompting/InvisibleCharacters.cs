using System.Globalization;
using System.Text;

namespace TacticalRag.Api.Prompting;

/// <summary>
/// Unicode format characters (category Cf: zero-width spaces and joiners, bidi overrides and isolates, the tag
/// characters of U+E0000 that can spell hidden ASCII, the byte order mark, soft hyphens) and runs of variation
/// selectors: invisible to a reader, yet read by a model, so they can carry instructions nobody sees.
/// </summary>
internal static class InvisibleCharacters
{
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>The text without them; a zero-width joiner between two emoji stays, since it forms one emoji (👩‍💻).</summary>
    public static string Remove(string text)
    {
        if (!Contains(text))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        var previousWasSelector = false;
        for (var i = 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (status != System.Buffers.OperationStatus.Done)
            {
                i += Math.Max(length, 1); // a lone surrogate is no character at all
                continue;
            }
            var selector = IsVariationSelector(rune);
            var keep = rune.Value == ZeroWidthJoiner
                ? JoinsEmoji(text, i)
                : Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format && !(selector && previousWasSelector);
            if (keep)
            {
                clean.Append(text, i, length);
            }
            previousWasSelector = selector;
            i += length;
        }
        return clean.ToString();
    }

    private static bool Contains(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format || c is >= '\uFE00' and <= '\uFE0F')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Emoji are astral (a surrogate pair) or end in the emoji presentation selector U+FE0F.</summary>
    private static bool JoinsEmoji(string text, int at) =>
        at > 0 && at + 1 < text.Length
        && (char.IsLowSurrogate(text[at - 1]) || text[at - 1] == '\uFE0F')
        && char.IsHighSurrogate(text[at + 1]);

    private static bool IsVariationSelector(Rune rune) =>
        rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;
}
