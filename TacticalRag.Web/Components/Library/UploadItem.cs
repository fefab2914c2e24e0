using TacticalRag.Web.Api;

namespace TacticalRag.Web.Components.Library;

/// <summary>Where one file of an upload is: waiting its turn, being sent, accepted as a document, or refused.</summary>
public enum UploadState
{
    Queued,
    Uploading,
    Accepted,
    Refused,
}

/// <summary>One file the user dropped or chose, and what became of it.</summary>
public sealed class UploadItem(string fileName, long size)
{
    private static int s_nextId;

    public int Id { get; } = Interlocked.Increment(ref s_nextId);

    public string FileName { get; } = fileName;

    public long Size { get; } = size;

    public UploadState State { get; private set; } = UploadState.Queued;

    public long BytesSent { get; private set; }

    /// <summary>The document the API made of the file, as the upload's answer described it.</summary>
    public LibraryDocument? Document { get; private set; }

    /// <summary>Why the file is not in the library, in the API's words where it gave any.</summary>
    public string? Refusal { get; private set; }

    /// <summary>0..1 of the file sent.</summary>
    public double SentFraction => Size == 0 ? 1 : Math.Clamp(BytesSent / (double)Size, 0, 1);

    public void BeginUpload() => State = UploadState.Uploading;

    public void ReportSent(long bytes) => BytesSent = bytes;

    public void Accept(LibraryDocument document)
    {
        Document = document;
        BytesSent = Size;
        State = UploadState.Accepted;
    }

    public void Refuse(string reason)
    {
        Refusal = reason;
        State = UploadState.Refused;
    }
}
