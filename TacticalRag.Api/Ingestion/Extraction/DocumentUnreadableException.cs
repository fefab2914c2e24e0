namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>The file is corrupt, empty or holds no text: a 400 for the uploader, and nothing of it is stored.</summary>
internal sealed class DocumentUnreadableException : Exception
{
    public DocumentUnreadableException(string reason) : base(reason) { }

    /// <summary>Keeps the parser's own exception for the log; the message stays the user-facing reason.</summary>
    public DocumentUnreadableException(string reason, Exception inner) : base(reason, inner) { }
}
