using System.Reflection;
using System.Text.RegularExpressions;

namespace TacticalRag.ArchitectureTests;

/// <summary>
/// The settings the product reads: every public settable property of an options class (a class with a
/// <c>SectionName</c> constant) under its section, nested option objects included; every setting key the code names
/// as a constant (AppHost switches, old names still read); and the AppHost's parameters.
/// </summary>
public static partial class DocumentedSettings
{
    /// <summary>Sections whose keys are names the operator chooses (the model servers' names), not properties.</summary>
    private static readonly string[] OpenSections = ["TacticalRag:Endpoints"];

    public static IReadOnlySet<string> Known { get; } = Collect();

    public static bool Exists(string key) =>
        Known.Contains(key) || OpenSections.Any(section => key.StartsWith(section + ":", StringComparison.Ordinal));

    /// <summary><c>Section:Key</c> names in the README's code spans.</summary>
    public static IReadOnlyList<string> NamedIn(string markdown) =>
        CodeSpan().Matches(markdown)
            .SelectMany(span => SettingName().Matches(span.Groups[1].Value).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The names in the first column of the README's AppHost parameter table (a cell may name several).</summary>
    public static IReadOnlyList<string> ParametersIn(string markdown)
    {
        var table = markdown[markdown.IndexOf("| Parameter |", StringComparison.Ordinal)..];
        return table.Split('\n').Skip(2).TakeWhile(line => line.StartsWith('|'))
            .SelectMany(line => CodeSpan().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToList();
    }

    /// <summary>The names in the <c>Llm:</c> column of the README's table of the original system's variables.</summary>
    public static IReadOnlyList<string> LlmSettingsIn(string markdown)
    {
        var table = markdown[markdown.IndexOf("| Variable | `Llm:` setting |", StringComparison.Ordinal)..];
        return table.Split('\n').Skip(2).TakeWhile(line => line.StartsWith('|'))
            .SelectMany(line => CodeSpan().Matches(line.Split('|')[2]).Select(m => "Llm:" + m.Groups[1].Value))
            .ToList();
    }

    private static HashSet<string> Collect()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in ProductArchitecture.All.SelectMany(Types))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)))
            {
                var value = (string?)field.GetRawConstantValue() ?? "";
                if (field.Name == "SectionName")
                {
                    AddProperties(keys, value, type, depth: 0);
                }
                else if (SettingName().IsMatch(value) && SettingName().Match(value).Value == value)
                {
                    keys.Add(value);
                }
            }
        }
        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var key = $"{prefix}:{property.Name}";
            keys.Add(key);
            var propertyType = property.PropertyType;
            if (depth < 3 && propertyType.IsClass && propertyType != typeof(string) && propertyType.Namespace?.StartsWith("TacticalRag", StringComparison.Ordinal) == true)
            {
                AddProperties(keys, key, propertyType, depth + 1);
            }
        }
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    /// <summary>Two or more PascalCase names joined by colons: <c>Retrieval:Fusion</c>, <c>TacticalRag:Vllm:DType</c>.</summary>
    [GeneratedRegex(@"(?<![\w:])[A-Z][A-Za-z0-9]*(?::[A-Z][A-Za-z0-9]*)+")]
    private static partial Regex SettingName();
}
