namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// Bounds on what one file may expand to, so that a hostile upload (a zip bomb, a PDF of endless pages) is refused
/// as unreadable instead of exhausting memory. Far above any real manual or report.
/// </summary>
internal static class ExtractionLimits
{
    public const int MaxTextCharacters = 20_000_000;
    public const int MaxPdfPages = 5_000;
    public const int MaxZipEntries = 10_000;

    /// <summary>What one DOCX part may declare in its ZIP header, decompressed (a 500-page report's document.xml is about 10 MB).</summary>
    public const long MaxDocxPartBytes = 64 * 1024 * 1024;

    /// <summary>What one DOCX XML part may hold once decompressed, whatever its header said; the SDK stops reading past it.</summary>
    public const long MaxDocxPartCharacters = MaxDocxPartBytes;

    /// <summary>What all of a DOCX's parts (XML, media, anything) may declare together in their ZIP headers.</summary>
    public const long MaxDocxTotalBytes = 200_000_000;

    /// <summary>The refusal of a file whose text passed <see cref="MaxTextCharacters"/>, raised as soon as it does.</summary>
    public static DocumentUnreadableException TooMuchText() =>
        new($"The file holds more than {MaxTextCharacters:N0} characters of text; split it into smaller files.");

    /// <summary>
    /// Whether an exception from a third-party parser means "this file is corrupt". Parsers of hostile input throw
    /// almost anything (index, cast, format, argument errors); only failures of the process itself are not the file's.
    /// </summary>
    public static bool IsCorruptInput(Exception exception) =>
        exception is not (OutOfMemoryException or OperationCanceledException or DocumentUnreadableException
            or ThreadInterruptedException or InsufficientExecutionStackException);
}
