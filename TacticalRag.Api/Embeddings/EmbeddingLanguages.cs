using System.Text.RegularExpressions;

namespace TacticalRag.Api.Embeddings;

/// <summary>Reads <c>Embeddings:Languages</c>: ISO 639-1 codes separated by commas or spaces, or <c>*</c> / <c>any</c>.</summary>
internal static partial class EmbeddingLanguages
{
    public sealed record Parsed(EmbeddingCoverage? Coverage, string? Error);

    /// <summary>Null coverage and no error when the setting is empty (the model's default applies).</summary>
    public static Parsed Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return new(null, null);
        }
        var codes = setting.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Any(c => c is "*" || c.Equals("any", StringComparison.OrdinalIgnoreCase)))
        {
            return codes.Length == 1
                ? new(EmbeddingCoverage.AnyLanguage, null)
                : new(null, $"'{setting}' mixes * (any language) with codes; give one or the other.");
        }
        var bad = codes.Where(c => !IsoCode().IsMatch(c)).ToList();
        if (bad.Count > 0)
        {
            return new(null, $"'{string.Join("', '", bad)}' is not an ISO 639-1 code (two letters, such as en or de); use * for any language.");
        }
        return new(new EmbeddingCoverage(codes.Select(c => c.ToLowerInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase)), null);
    }

    [GeneratedRegex("^[a-zA-Z]{2}$")]
    private static partial Regex IsoCode();
}
