using System.Text;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>Mojibake made the way scraped text gets it: UTF-8 bytes read as Latin-1 or Windows-1252, then saved as UTF-8.</summary>
internal static class MojibakeFixtures
{
    public const string Intended = "It’s – “quoted” – café, naïve, 5 °C, Ñandú.";

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>"Itâ\u0080\u0099s": the C1 control characters that MS MARCO passages are full of.</summary>
    public static string ThroughLatin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>"Itâ€™s": the same mistake through Windows-1252, as web pages show it.</summary>
    public static string ThroughWindows1252(string text) => Windows1252.GetString(Encoding.UTF8.GetBytes(text));

    public static byte[] Utf8File(string text) => Encoding.UTF8.GetBytes(text);
}
