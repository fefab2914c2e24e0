using System.Text;

namespace TacticalRag.Api.Prompting;

/// <summary>
/// Writes one prompt message for a template of this feature. The template's own words go in as rules (<see cref="Rule"/>);
/// everything else (document text, a user's question, a conversation, a model's earlier answer) goes in through
/// <see cref="Quote"/> or a <see cref="Block"/>, which neutralise it (<see cref="PromptText.Neutralize"/>): a template
/// has no way to write outside text as it came, so none can carry chat-template tokens in or forge a wrapper.
/// </summary>
internal sealed class PromptWriter
{
    private readonly StringBuilder _text = new();

    public int Length => _text.Length;

    /// <summary>The template's own words: always a literal of a template in this feature, never outside text.</summary>
    public PromptWriter Rule(string ruleText)
    {
        _text.Append(ruleText);
        return this;
    }

    /// <summary>Outside text, neutralised.</summary>
    public PromptWriter Quote(string text)
    {
        _text.Append(PromptText.Neutralize(text));
        return this;
    }

    /// <summary>
    /// Outside text in a <c>&lt;tag attribute="..."&gt;</c> block on lines of its own: the attributes' values on one line
    /// without quotes (<see cref="PromptText.Attribute"/>), the text neutralised, so it can neither close the block nor
    /// open a forged one. A null attribute value leaves the attribute out.
    /// </summary>
    public PromptWriter Block(string tag, string text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _text.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _text.Append(' ').Append(name).Append("=\"").Append(PromptText.Attribute(value)).Append('"');
            }
        }
        _text.AppendLine(">");
        _text.AppendLine(PromptText.Neutralize(text));
        _text.Append("</").Append(tag).AppendLine(">");
        return this;
    }

    public void Clear() => _text.Clear();

    public override string ToString() => _text.ToString();
}
