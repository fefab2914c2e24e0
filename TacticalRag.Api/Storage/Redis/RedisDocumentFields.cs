using System.Globalization;
using StackExchange.Redis;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Redis;

/// <summary>A document as a Redis hash of plain fields, readable with <c>redis-cli HGETALL</c>.</summary>
internal static class RedisDocumentFields
{
    public static List<RedisValue> ToArguments(LibraryDocument document)
    {
        var fields = new List<RedisValue>
        {
            "id", document.Id,
            "title", document.Title,
            "fileName", document.FileName,
            "contentType", document.ContentType,
            "bytes", document.Bytes,
            "contentHash", document.ContentHash,
            "chunks", document.Chunks,
            "ingestedUtc", document.IngestedUtc.ToString("O", CultureInfo.InvariantCulture),
            "status", document.Status.ToString(),
            "progress", document.Progress.ToString("R", CultureInfo.InvariantCulture),
        };
        if (document.Error is not null)
        {
            fields.Add("error");
            fields.Add(document.Error);
        }
        if (document.EmbeddingModel is not null)
        {
            fields.Add("embeddingModel");
            fields.Add(document.EmbeddingModel);
        }
        if (document.Languages is not null)
        {
            fields.Add("languages");
            fields.Add(string.Join(',', document.Languages));
        }
        return fields;
    }

    public static LibraryDocument? FromHash(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value);
        return new LibraryDocument(
            Id: Text(fields, "id"),
            Title: Text(fields, "title"),
            FileName: Text(fields, "fileName"),
            ContentType: Text(fields, "contentType"),
            Bytes: long.Parse(Text(fields, "bytes"), CultureInfo.InvariantCulture),
            ContentHash: Text(fields, "contentHash"),
            Chunks: int.Parse(Text(fields, "chunks"), CultureInfo.InvariantCulture),
            IngestedUtc: DateTimeOffset.Parse(Text(fields, "ingestedUtc"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Status: Enum.Parse<DocumentStatus>(Text(fields, "status")),
            Progress: double.Parse(Text(fields, "progress"), CultureInfo.InvariantCulture),
            Error: fields.TryGetValue("error", out var error) ? error.ToString() : null,
            EmbeddingModel: fields.TryGetValue("embeddingModel", out var model) ? model.ToString() : null,
            Languages: fields.TryGetValue("languages", out var languages)
                ? languages.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
                : null);
    }

    private static string Text(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value)
            ? value.ToString()
            : throw new InvalidDataException($"A stored document lacks its '{name}' field.");
}
