using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace TacticalRag.Api.Common;

/// <summary>
/// The string an enum value is written as on the wire (JSON, SSE, metric and span tags): its
/// <see cref="JsonStringEnumMemberNameAttribute"/>, the one place each name is spelled, so a response and a tag can never
/// disagree.
/// </summary>
public static class WireNames
{
    public static string WireName<T>(this T value) where T : struct, Enum => Names<T>.ByValue[value];

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(
            value => value,
            value => typeof(T).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{value} has no wire name."));
    }
}
