namespace TacticalRag.Api.Prompting;

/// <summary>
/// Prompt safety in one place. Document text is cleaned once at ingestion (<see cref="CleanDocumentText"/>), so stored
/// chunks hold no chat-template tokens or invisible characters; every prompt built from documents, questions or
/// conversation history passes its text through <see cref="Neutralize"/> (or <see cref="Attribute"/> for a wrapper's
/// attribute), so nothing can close the wrapper it is quoted in, open a forged one, or end the turn it is in.
/// </summary>
public static class PromptText
{
    /// <summary>The tags our prompts quote text in (<c>&lt;source&gt;</c>, <c>&lt;passage&gt;</c>): quoted text may not contain them.</summary>
    public static readonly IReadOnlyList<string> WrapperTags = ["source", "passage"];

    /// <summary>Document text as stored: chat-template tokens become a space, invisible format characters vanish.</summary>
    public static string CleanDocumentText(string text) =>
        InvisibleCharacters.Remove(ChatTemplateTokens.Pattern().Replace(text, " "));

    /// <summary>
    /// Text quoted into a prompt: invisible characters removed, chat-template tokens and our wrapper tags defanged with
    /// look-alike brackets, so a reader (and the model) still sees what was written but no tokenizer or wrapper matches it.
    /// </summary>
    public static string Neutralize(string text)
    {
        var clean = ChatTemplateTokens.Pattern().Replace(InvisibleCharacters.Remove(text), match => ChatTemplateTokens.Defang(match.Value));
        foreach (var tag in WrapperTags)
        {
            clean = clean.Replace("<" + tag, "‹" + tag, StringComparison.OrdinalIgnoreCase)
                .Replace("</" + tag, "‹/" + tag, StringComparison.OrdinalIgnoreCase);
        }
        return clean;
    }

    /// <summary>A value for a wrapper's double-quoted attribute: neutralized, on one line, without double quotes.</summary>
    public static string Attribute(string value) => Neutralize(value).Replace('"', '\'').ReplaceLineEndings(" ");
}
