using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace TacticalRag.Web.Markdown;

/// <summary>
/// Reads citation markers as the API's CitationParser does: one to three digits, several joined by commas or
/// semicolons with optional spaces, in square brackets. Anything else in brackets is left to the link parser.
/// </summary>
internal sealed class CitationInlineParser : InlineParser
{
    private const int MaxDigits = 3;

    public CitationInlineParser() => OpeningCharacters = ['['];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var start = slice.Start;
        var position = start + 1;
        List<int> indexes = [];
        while (true)
        {
            if (ReadNumber(ref slice, ref position) is not { } index)
            {
                return false;
            }
            indexes.Add(index);
            SkipSpaces(ref slice, ref position);
            var next = slice.PeekCharAbsolute(position);
            if (next == ']')
            {
                break;
            }
            if (next is not (',' or ';'))
            {
                return false;
            }
            position++;
            SkipSpaces(ref slice, ref position);
        }

        var sourceStart = processor.GetSourcePosition(start, out var line, out var column);
        processor.Inline = new CitationInline(indexes)
        {
            Span = new SourceSpan(sourceStart, sourceStart + position - start),
            Line = line,
            Column = column,
        };
        slice.Start = position + 1;
        return true;
    }

    private static int? ReadNumber(ref StringSlice slice, ref int position)
    {
        var value = 0;
        var digits = 0;
        while (position <= slice.End && slice.PeekCharAbsolute(position) is var c && char.IsAsciiDigit(c))
        {
            if (++digits > MaxDigits)
            {
                return null;
            }
            value = value * 10 + (c - '0');
            position++;
        }
        return digits == 0 ? null : value;
    }

    private static void SkipSpaces(ref StringSlice slice, ref int position)
    {
        while (position <= slice.End && slice.PeekCharAbsolute(position) is ' ' or '\t')
        {
            position++;
        }
    }
}
