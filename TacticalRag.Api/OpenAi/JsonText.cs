using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Whether the strings of a JSON value left raw in a request (<c>content</c>, <c>stop</c>, <c>input</c>) are valid
/// UTF-8: the JSON reader accepts any bytes inside a string and only <see cref="JsonElement.GetString"/> refuses them,
/// too late for a 400 that names the parameter.
/// </summary>
internal static class JsonText
{
    public static bool IsValidUtf8(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Utf8.IsValid(JsonMarshal.GetRawUtf8Value(value));
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (!IsValidUtf8(item)) return false;
                }
                return true;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (!Utf8.IsValid(JsonMarshal.GetRawUtf8PropertyName(property)) || !IsValidUtf8(property.Value)) return false;
                }
                return true;
            default:
                return true;
        }
    }
}
