using System.Globalization;
using System.Text;

namespace TacticalRag.Bench.Suites.HostileText;

/// <summary>
/// Generated uploads of a given size: comma-separated numbers with no space anywhere (one "word" the chunker must cut)
/// and ordinary prose. A run token makes each upload's bytes new, so no upload is answered as a duplicate.
/// </summary>
public static class HostileTextContent
{
    private static readonly string[] Sentences =
    [
        "The convoy halts at each checkpoint for no more than five minutes.",
        "Operators check the antenna mast and the battery charge before every patrol.",
        "A generator is refuelled only after it has cooled for ten minutes.",
        "Radio checks are made on the hour, and missed checks are reported to the watch officer.",
        "Spare filters are stored in the second locker of the maintenance tent.",
    ];

    public static byte[] NumbersWithoutSpaces(int bytes, string token)
    {
        var text = new StringBuilder(bytes + 16).Append(token).Append(',');
        for (var n = 0; text.Length < bytes; n++)
        {
            text.Append(n.ToString(CultureInfo.InvariantCulture)).Append(',');
        }
        return Encoding.UTF8.GetBytes(text.ToString(0, bytes));
    }

    public static byte[] Prose(int bytes, string token)
    {
        var text = new StringBuilder(bytes + 128).Append("Run ").Append(token).Append(".\n\n");
        for (var n = 0; text.Length < bytes; n++)
        {
            text.Append(Sentences[n % Sentences.Length]).Append(n % 6 == 5 ? "\n\n" : " ");
        }
        return Encoding.UTF8.GetBytes(text.ToString(0, bytes));
    }
}
