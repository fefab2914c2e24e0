namespace TacticalRag.Api.Ingestion;

/// <summary>
/// A request body that fails with <see cref="UploadTooLargeException"/> once more than <paramref name="limit"/> bytes
/// were read: the upload's size limit recognised by type, not by an exception's message, on any server. It counts
/// the raw body, so it trips before the form reader's own length limit could.
/// </summary>
internal sealed class UploadLimitStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        _read += read;
        return _read > limit ? throw new UploadTooLargeException(limit) : read;
    }
}

/// <summary>An upload over the request size limit (<c>Ingestion:MaxRequestBytes</c>).</summary>
internal sealed class UploadTooLargeException(long limit) : IOException($"The upload is over the limit of {limit:N0} bytes.");
