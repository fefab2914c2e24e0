using System.Runtime.CompilerServices;
using System.Text;

namespace TacticalRag.Web.Api;

/// <summary>One dispatched server-sent event: its type ("message" when the stream named none) and its data.</summary>
public sealed record ServerSentEvent(string EventType, string Data);

/// <summary>
/// Reads a <c>text/event-stream</c> as the HTML standard's parsing rules describe: events end at a blank line,
/// several <c>data:</c> lines join with newlines, comments and unknown fields are ignored, and an event cut off
/// by the end of the stream is dropped, as browsers drop it.
/// </summary>
public static class ServerSentEventReader
{
    private const string DefaultEventType = "message";

    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(
        Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var data = new StringBuilder();
        var hasData = false;
        string? eventType = null;

        // ReadLineAsync splits on \r\n, \n and \r: the three line ends the format allows.
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(
                        string.IsNullOrEmpty(eventType) ? DefaultEventType : eventType, data.ToString());
                }
                data.Clear();
                hasData = false;
                eventType = null;
                continue;
            }

            if (line[0] == ':')
            {
                continue; // A comment; servers send these as keep-alives.
            }

            var (field, value) = SplitField(line);
            switch (field)
            {
                case "event":
                    eventType = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }
                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }

    private static (string Field, string Value) SplitField(string line)
    {
        var colon = line.IndexOf(':');
        if (colon < 0)
        {
            return (line, string.Empty);
        }
        var value = line.AsSpan(colon + 1);
        if (value.Length > 0 && value[0] == ' ')
        {
            value = value[1..]; // Only the first space after the colon belongs to the syntax.
        }
        return (line[..colon], value.ToString());
    }
}
