using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>Repeatable random bad bodies for a JSON endpoint: truncations of a good body, random bytes, random JSON.</summary>
public static class RandomJsonBodies
{
    public static IEnumerable<FuzzCase> Cases(JsonEndpointShape shape, Random random)
    {
        var valid = Encoding.UTF8.GetBytes(shape.ValidBody());
        for (var i = 0; i < 4; i++)
        {
            // Any proper prefix of a JSON object is malformed.
            var cut = random.Next(0, valid.Length);
            yield return FuzzCase.Post($"truncated at {cut}", shape.Path, valid[..cut]);
        }
        for (var i = 0; i < 4; i++)
        {
            yield return FuzzCase.Post($"random bytes #{i}", shape.Path, RandomNonObject(random));
        }
        for (var i = 0; i < 4; i++)
        {
            // Random JSON whose required field, when present, is never a string.
            var fields = Enumerable.Range(0, random.Next(1, 5))
                .Select(n => $"\"{(n == 0 && random.Next(2) == 0 ? shape.Required.Name : RandomWord(random))}\":{RandomJson(random, 0)}");
            yield return FuzzCase.PostText($"random JSON #{i}", shape.Path, "{" + string.Join(",", fields) + "}");
        }
    }

    private static byte[] RandomNonObject(Random random)
    {
        while (true)
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            try
            {
                using var parsed = JsonDocument.Parse(bytes);
                if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return bytes;
                }
            }
            catch (JsonException)
            {
                return bytes;
            }
        }
    }

    private static string RandomJson(Random random, int depth) => random.Next(depth > 3 ? 4 : 7) switch
    {
        0 => random.Next(-1000, 1000).ToString(),
        1 => random.Next(2) == 0 ? "true" : "null",
        2 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        3 => "{}",
        4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(random, depth + 1))) + "]",
        5 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{RandomWord(random)}\":{RandomJson(random, depth + 1)}")) + "}",
        _ => "[[" + RandomJson(random, depth + 1) + "]]",
    };

    private static string RandomWord(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
}
