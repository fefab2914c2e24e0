using TacticalRag.Api.Common;

namespace TacticalRag.Api.Passages;

/// <summary>
/// Picks what a reader should see of a passage for a question: the sentence holding most of the question's words,
/// widened by its neighbours while they fit the budget, in document order; the passage's start when no word matches.
/// </summary>
public static class ExcerptBuilder
{
    public const int DefaultMaxChars = 360;
    private const string Ellipsis = "…";

    public static PassageExcerpt Build(string passage, string question, int maxChars = DefaultMaxChars)
    {
        var terms = MatchTerms.OfQuestion(question);
        var hits = terms.Count == 0 ? [] : MatchTerms.Tokens(passage).Where(t => terms.Contains(t.Stem)).ToArray();
        var sentences = SentenceSplitter.Ranges(passage).Select(r => r.GetOffsetAndLength(passage.Length)).ToArray();
        var scores = sentences.Select(s => Score(hits, s.Offset, s.Offset + s.Length)).ToArray();
        var best = Array.IndexOf(scores, scores.DefaultIfEmpty((0, 0)).Max());
        if (best < 0 || scores[best].Terms == 0)
        {
            return Cut(passage, 0, passage.Length, maxChars, []);
        }
        var (first, last) = (best, best);
        while (true)
        {
            // Widen towards the neighbour that matches more (the next one on a tie: it usually goes on with the answer).
            var before = first > 0 && Fits(sentences, first - 1, last, maxChars) ? scores[first - 1] : ((int, int)?)null;
            var after = last + 1 < sentences.Length && Fits(sentences, first, last + 1, maxChars) ? scores[last + 1] : ((int, int)?)null;
            if (after is not null && (before is null || after.Value.CompareTo(before.Value) >= 0)) last++;
            else if (before is not null) first--;
            else break;
        }
        var start = sentences[first].Offset;
        var end = sentences[last].Offset + sentences[last].Length;
        return Cut(passage, start, end, maxChars, hits);
    }

    private static (int Terms, int Hits) Score(StemmedToken[] hits, int start, int end)
    {
        var inside = hits.Where(h => h.Start >= start && h.End <= end).ToArray();
        return (inside.Select(h => h.Stem).Distinct().Count(), inside.Length);
    }

    private static bool Fits((int Offset, int Length)[] sentences, int first, int last, int maxChars) =>
        sentences[last].Offset + sentences[last].Length - sentences[first].Offset <= maxChars;

    /// <summary>The text from start to end, cut to the budget around its first hit at word boundaries, with "…" where text was left out.</summary>
    private static PassageExcerpt Cut(string passage, int start, int end, int maxChars, StemmedToken[] hits)
    {
        if (end - start > maxChars)
        {
            // A sentence longer than the budget: keep a little lead-in before its first matching word.
            var anchor = hits.FirstOrDefault(h => h.Start >= start && h.End <= end).Start;
            start = anchor - start > maxChars / 4 ? WordStartAtOrAfter(passage, anchor - maxChars / 4) : start;
            end = Math.Min(end, WordEndAtOrBefore(passage, start + maxChars, start));
        }
        var prefix = start > 0 ? Ellipsis + " " : "";
        var suffix = end < passage.Length && !passage.AsSpan(end).IsWhiteSpace() ? " " + Ellipsis : "";
        // Line breaks become spaces one for one, so the highlights keep pointing at the same characters.
        var text = prefix + passage[start..end].Replace('\r', ' ').Replace('\n', ' ') + suffix;
        var highlights = hits.Where(h => h.Start >= start && h.End <= end)
            .Select(h => new TextHighlight(h.Start - start + prefix.Length, h.End - h.Start)).ToArray();
        return new PassageExcerpt(text, highlights);
    }

    private static int WordStartAtOrAfter(string text, int index)
    {
        while (index > 0 && index < text.Length && !char.IsWhiteSpace(text[index - 1])) index++;
        return Math.Min(index, text.Length);
    }

    private static int WordEndAtOrBefore(string text, int index, int floor)
    {
        index = Math.Min(index, text.Length);
        var end = index;
        while (end > floor && end < text.Length && !char.IsWhiteSpace(text[end])) end--;
        // One unbroken word longer than the budget is cut where the budget ends.
        end = end == floor ? index : end;
        while (end > floor && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
