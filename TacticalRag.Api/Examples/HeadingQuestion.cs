using System.Text.RegularExpressions;

namespace TacticalRag.Api.Examples;

/// <summary>
/// An example question made from a document's section heading when no model writes them, phrased as a person would
/// ask it: the heading's numbering ("1.2.", "6.", "A.", "(b)") and closing punctuation left out, a heading that is
/// already a question asked as it is, and a common word not capitalised mid-sentence.
/// </summary>
internal static partial class HeadingQuestion
{
    public static string For(string documentTitle, string? section)
    {
        var topic = section is null ? "" : Clean(section);
        if (!topic.Any(char.IsLetter) || topic.Equals(documentTitle, StringComparison.OrdinalIgnoreCase))
        {
            return $"What is {documentTitle} about?";
        }
        if (IsQuestion(section!))
        {
            return $"{char.ToUpperInvariant(topic[0])}{topic[1..]}?";
        }
        return $"What does {documentTitle} say about {LowerFirstWord(topic)}?";
    }

    /// <summary>The heading without its enumerator, surrounding punctuation and spaces.</summary>
    internal static string Clean(string section)
    {
        var text = Enumerator().Replace(section.Trim(), "");
        return text.Trim().TrimEnd('.', '?', '!', ':', ';', ',').Trim();
    }

    private static bool IsQuestion(string section) => section.TrimEnd().EndsWith('?');

    /// <summary>
    /// Mid-sentence case: "Siting and safety" → "siting and safety", "Conveying Non-Source Forms" → "conveying non-source
    /// forms", "BATTERY CARE" → "battery care"; acronyms and names written with inner capitals (VSWR, AN/PRC-990, McAllen)
    /// stay as written.
    /// </summary>
    private static string LowerFirstWord(string topic)
    {
        var words = topic.Split(' ');
        if (topic.Where(char.IsLetter).All(char.IsUpper) && words.Length >= 2)
        {
            return topic.ToLowerInvariant();
        }
        var titleCase = words.Count(w => w.Length >= 4) >= 2 && words.Where(w => w.Length >= 4).All(w => char.IsUpper(w[0]));
        for (var i = 0; i < words.Length && (i == 0 || titleCase); i++)
        {
            if (IsPlainCapitalised(words[i]))
            {
                words[i] = words[i].ToLowerInvariant();
            }
        }
        return string.Join(' ', words);
    }

    /// <summary>"Forms", "Non-Source": each hyphenated part an initial capital and the rest lower case.</summary>
    private static bool IsPlainCapitalised(string word) =>
        word.Split('-').All(part => part.Length > 1 && char.IsUpper(part[0]) && part[1..].All(c => !char.IsLetter(c) || char.IsLower(c)));

    /// <summary>"1.", "1.2", "1.2.", "6)", "A.", "(b)", "IV." at the start, followed by a space.</summary>
    [GeneratedRegex(@"^(\(?\d{1,3}(\.\d{1,3})*[.)]?|\(?[A-Za-z][.)]|[IVXLC]{1,6}\.)\s+")]
    private static partial Regex Enumerator();
}
