namespace TacticalRag.Conventions;

/// <summary>
/// Reads an on/off setting the way people write it: true/false, on/off, yes/no, 1/0. One reader for the API's
/// environment variables and the AppHost's parameters (which compiles this file in as well).
/// </summary>
public static class OnOffSwitch
{
    /// <summary>How a valid value may be written, for error messages.</summary>
    public const string Spellings = "true/false, on/off, yes/no, 1/0";

    /// <summary>True or false, or null when <paramref name="value"/> is none of the spellings.</summary>
    public static bool? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "yes" or "1" => true,
        "false" or "off" or "no" or "0" => false,
        _ => null,
    };
}
