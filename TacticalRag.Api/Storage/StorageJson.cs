using System.Text.Json.Serialization;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage;

/// <summary>
/// The stored JSON shapes, source-generated: loading 100k chunks at start is dominated by parsing, and the generated
/// (de)serializers skip reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LibraryDocument))]
[JsonSerializable(typeof(DocumentChunk))]
[JsonSerializable(typeof(List<DocumentChunk>))]
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(StoredConversation))]
internal sealed partial class StorageJson : JsonSerializerContext;

/// <summary>A conversation in a file, with the moment it stops existing (Redis keeps that in the key's TTL).</summary>
internal sealed record StoredConversation(DateTimeOffset ExpiresUtc, Conversation Conversation);
