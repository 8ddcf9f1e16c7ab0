using System.Buffers;
using System.IO.Pipelines;

namespace DaoPlatform.Assets.Http;

/// <summary>
/// A write-only stream over a response's <see cref="PipeWriter"/> that copies each write into the pipe and flushes
/// (hands the bytes to the socket, waiting if the client is slow) only once <paramref name="flushEvery"/> bytes are
/// pending, and at <see cref="FlushAsync(CancellationToken)"/>. The first write is flushed at once: it starts the response
/// (status and headers sent), so that bytes written are never left in the pipe behind an error response that a failure
/// before the first flush would otherwise write after them. The store writes one 64 KiB block at a time;
/// <c>HttpResponse.Body</c> would flush each one, a send and a wake-up of the connection per block that a download
/// spends about a tenth of its CPU on.
/// </summary>
/// <param name="writer">The response body's pipe.</param>
/// <param name="flushEvery">Bytes pending before a flush: also the most this adds to a download's memory.</param>
internal sealed class CoalescingBodyStream(PipeWriter writer, int flushEvery) : Stream
{
    private long _pending;
    private bool _started;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        writer.Write(buffer.Span);
        _pending += buffer.Length;
        if (_pending >= flushEvery || !_started)
        {
            _started = true;
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <exception cref="IOException">The client went away.</exception>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        _pending = 0;
        FlushResult flushed = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            throw new IOException("The client stopped reading the response.");
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The response is written asynchronously.");

    public override void Flush() => throw new NotSupportedException("The response is flushed asynchronously.");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
