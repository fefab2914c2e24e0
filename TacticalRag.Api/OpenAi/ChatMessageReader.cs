using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Turns OpenAI messages into <see cref="ChatMessage"/>s: roles system (and its newer name developer), user and
/// assistant; content as a string or an array of text parts. Images, audio and tool turns are refused by name rather
/// than dropped, so a client never gets an answer to a question it did not quite ask.
/// </summary>
internal static class ChatMessageReader
{
    public static (List<ChatMessage>? Messages, string? Error, string? Param) Read(IReadOnlyList<ChatMessageBody>? bodies)
    {
        if (bodies is null || bodies.Count == 0)
        {
            return (null, "'messages' is required and must hold at least one message.", "messages");
        }
        var messages = new List<ChatMessage>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            if (body is null)
            {
                return (null, $"messages[{i}] must be an object with a role and content.", $"messages[{i}]");
            }
            ChatRole? role = body.Role switch
            {
                "system" or "developer" => ChatRole.System,
                "user" => ChatRole.User,
                "assistant" => ChatRole.Assistant,
                _ => null,
            };
            if (role is not { } known)
            {
                return (null, $"messages[{i}].role '{body.Role}' is not supported; use system, developer, user or assistant.", $"messages[{i}].role");
            }
            if (!JsonText.IsValidUtf8(body.Content))
            {
                return (null, $"messages[{i}].content is not valid UTF-8 text.", $"messages[{i}].content");
            }
            var (text, error) = ReadContent(body.Content, allowNull: known == ChatRole.Assistant);
            if (error is not null)
            {
                return (null, $"messages[{i}].content {error}", $"messages[{i}].content");
            }
            messages.Add(new ChatMessage(known, text) { AuthorName = body.Name });
        }
        return (messages, null, null);
    }

    private static (string Text, string? Error) ReadContent(JsonElement content, bool allowNull)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return (content.GetString()!, null);
            case JsonValueKind.Undefined or JsonValueKind.Null when allowNull:
                return ("", null);
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object
                        || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                    {
                        return ("", "parts must be objects with a type.");
                    }
                    if (type.GetString() != "text" || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
                    {
                        return ("", $"part of type '{type.GetString()}' is not supported; only text parts are.");
                    }
                    // Parts are separate pieces of one message; a newline keeps their words apart, as vLLM joins them.
                    text.Append(text.Length > 0 ? "\n" : "").Append(partText.GetString());
                }
                return (text.ToString(), null);
            default:
                return ("", "must be a string or an array of text parts.");
        }
    }
}
