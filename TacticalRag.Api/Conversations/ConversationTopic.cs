namespace TacticalRag.Api.Conversations;

/// <summary>
/// What a conversation is about, in a few words, for searching a follow-up when no model can rewrite it: the names
/// and terms of the previous standalone question (a model number, an acronym, a capitalised name: "AN/PRC-990",
/// "PACE", "Shared MIME-info Database"), or, when it has none, its content words. The follow-up's own words lead the
/// search and the topic only anchors it, so the previous question's passages do not simply come back.
/// </summary>
internal static class ConversationTopic
{
    private const int MaxTerms = 5;
    private const int MaxContentWords = 3;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "of", "in", "on", "at", "to", "for", "from", "by", "with",
        "about", "into", "over", "under", "after", "before", "between", "during", "without", "as", "is", "are", "was",
        "were", "be", "been", "being", "do", "does", "did", "done", "have", "has", "had", "can", "could", "should",
        "would", "will", "shall", "may", "might", "must", "what", "which", "who", "whom", "whose", "when", "where", "why",
        "how", "this", "that", "these", "those", "it", "its", "they", "them", "their", "there", "here", "i", "me", "my",
        "we", "our", "you", "your", "he", "she", "his", "her", "say", "says", "said", "tell", "mean", "means", "much",
        "many", "long", "often", "any", "some", "all", "not", "no", "yes", "so", "than", "too", "very", "also", "just",
        "get", "gets", "use", "used", "need", "needs", "happen", "happens", "else", "more", "most",
    };

    private static readonly char[] Punctuation = ['?', '!', '.', ',', ';', ':', '"', '\'', '(', ')', '[', ']', '“', '”', '‘', '’'];

    /// <summary>The topic terms of <paramref name="previousQuestion"/> that <paramref name="followUp"/> does not already use.</summary>
    public static string Of(string previousQuestion, string followUp)
    {
        var followUpWords = Words(followUp).Select(w => w.Word).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var words = Words(previousQuestion).Where(w => !followUpWords.Contains(w.Word)).ToList();
        var names = words.Where(w => IsName(w.Word, w.StartsSentence)).Select(w => w.Word).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();
        if (names.Count > 0)
        {
            return string.Join(' ', names);
        }
        return string.Join(' ', words.Select(w => w.Word)
            .Where(w => w.Length >= 3 && w.Any(char.IsLetter) && !StopWords.Contains(w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .TakeLast(MaxContentWords));
    }

    /// <summary>
    /// A model number or code (letters with digits, a slash or an inner hyphen), an acronym, or a capitalised word that
    /// does not start a sentence. Section numbers ("1.2.") have no letters and are left out.
    /// </summary>
    private static bool IsName(string word, bool startsSentence)
    {
        if (!word.Any(char.IsLetter) || StopWords.Contains(word))
        {
            return false;
        }
        var code = word.Any(char.IsDigit) || word.Contains('/') || word.Trim('-').Contains('-');
        var acronym = word.Count(char.IsLetter) >= 2 && word.Where(char.IsLetter).All(char.IsUpper);
        return code || acronym || (!startsSentence && char.IsUpper(word[0]));
    }

    private static IEnumerable<(string Word, bool StartsSentence)> Words(string text)
    {
        var startsSentence = true;
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim(Punctuation);
            if (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’s", StringComparison.OrdinalIgnoreCase))
            {
                word = word[..^2];
            }
            if (word.Length > 0)
            {
                yield return (word, startsSentence);
            }
            startsSentence = raw.Length > 0 && raw[^1] is '.' or '?' or '!' or ':';
        }
    }
}
