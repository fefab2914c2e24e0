using System.Text.RegularExpressions;

namespace TacticalRag.Api.Prompting;

/// <summary>
/// The control tokens of the chat templates our model servers use. A model server's tokenizer turns these strings into
/// the real tokens wherever they appear in a message, so text carrying <c>&lt;|eot_id|&gt;</c> could end the user's turn
/// and open a forged one.
/// </summary>
internal static partial class ChatTemplateTokens
{
    /// <summary>
    /// Llama 3 (<c>&lt;|eot_id|&gt;</c>, <c>&lt;|start_header_id|&gt;</c>), ChatML and Qwen (<c>&lt;|im_start|&gt;</c>,
    /// <c>&lt;|im_end|&gt;</c>, <c>&lt;|endoftext|&gt;</c>), Phi (<c>&lt;|user|&gt;</c>, <c>&lt;|end|&gt;</c>) and
    /// DeepSeek's full-width <c>&lt;｜User｜&gt;</c>: any short name between bars; Mistral's <c>[INST]</c> family;
    /// SentencePiece and Gemma's <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, <c>&lt;start_of_turn&gt;</c>; Llama 2's <c>&lt;&lt;SYS&gt;&gt;</c>.
    /// </summary>
    [GeneratedRegex("""
        <[|｜][^<>|｜\r\n]{1,64}[|｜]>
        | \[/?(?:INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_RESULTS|TOOL_CALLS|TOOL_CONTENT|IMG|IMG_BREAK|IMG_END|THINK)\]
        | </?(?:s|bos|eos|unk|pad|mask|start_of_turn|end_of_turn|start_of_image|end_of_image)>
        | <</?SYS>>
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();

    /// <summary>A token with its brackets swapped for look-alikes no tokenizer matches: still readable, no longer a token.</summary>
    public static string Defang(string token) => token
        .Replace('<', '‹').Replace('>', '›')
        .Replace('[', '⟦').Replace(']', '⟧');
}
