using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KenyaSms.Internal;

/// <summary>
/// A JSON request body that tells <see cref="SmsRequestState"/> the moment it starts going out, so that
/// a failure before that point is known to be "not sent". Every attempt (a retry re-sends the same
/// request, and so this content) writes the same bytes.
/// </summary>
/// <remarks>
/// The body is serialized from the wire model with its source-generated <see cref="JsonTypeInfo{T}"/>, never
/// kept as a whole array: a small body (up to <see cref="MaxBufferedBytes"/>, every single send) is serialized
/// once into a pooled buffer that is cleared and returned on dispose; a larger one (a 500-message sendmultiple
/// is ~99 KB) is only measured up front and then serialized straight into the request stream in pooled 16 KB
/// pieces on each attempt. Either way the request keeps a Content-Length (faster than a chunked upload on
/// loopback, see docs/benchmarks.md, and what every provider has always been sent), nothing lands on the
/// large-object heap, and no chunk's whole body is held in memory while it goes out.
/// </remarks>
internal abstract class TrackedJsonContent : HttpContent
{
    /// <summary>Bodies up to this size are serialized once and kept (pooled) for every attempt.</summary>
    internal const int MaxBufferedBytes = 16 * 1024;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private SmsRequestState? _state;
    private long _length = -1;
    private byte[]? _buffer;

    // The owner (dispose) plus every write in progress: the last one returns the pooled buffer, so a write
    // that outlives its attempt (a cancelled send is not always awaited by the handler) never reads a buffer
    // that went back to the pool.
    private int _users = 1;
    private int _disposed;

    protected TrackedJsonContent() => Headers.ContentType = JsonMediaType;

    /// <summary>A body serialized from <paramref name="value"/> with its source-generated metadata.</summary>
    public static TrackedJsonContent Create<T>(T value, JsonTypeInfo<T> typeInfo) => new Serialized<T>(value, typeInfo);

    /// <summary>A fixed body (static, never written to).</summary>
    public static TrackedJsonContent Create(byte[] utf8Json) => new Fixed(utf8Json);

    /// <summary>Attaches the request's state, whose "body started" flag this content sets.</summary>
    public void Track(SmsRequestState state) => _state = state;

    /// <summary>The body's length in bytes (measured, or serialized when small, on first use).</summary>
    internal long Length
    {
        get
        {
            Measure();
            return _length;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteBodyAsync(stream, CancellationToken.None);

#if !NETSTANDARD2_0
    // net5.0+ passes the request's token here; netstandard2.0 has only the overload above.
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteBodyAsync(stream, cancellationToken);
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    /// <summary>Writes the whole body into <paramref name="destination"/> (a small body; may also be called to measure).</summary>
    protected abstract void Serialize(Stream destination);

    /// <summary>Serializes the body straight into the request stream.</summary>
    protected abstract Task SerializeAsync(Stream stream, CancellationToken cancellationToken);

    private async Task WriteBodyAsync(Stream stream, CancellationToken cancellationToken)
    {
        Measure();
        Interlocked.Increment(ref _users);
        try
        {
            // From here on the provider may receive bytes of this attempt.
            _state?.MarkBodyStarted();
            if (_buffer is { } buffer)
            {
#if NETSTANDARD2_0
                await stream.WriteAsync(buffer, 0, (int)_length, cancellationToken).ConfigureAwait(false);
#else
                await stream.WriteAsync(buffer.AsMemory(0, (int)_length), cancellationToken).ConfigureAwait(false);
#endif
            }
            else
            {
                await SerializeAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Release();
        }
    }

    private void Measure()
    {
        if (Volatile.Read(ref _length) >= 0)
        {
            return;
        }

        // Attempts are sequential, so this runs once; were two threads to measure at once, both would find
        // the same length and one buffer would be kept.
        using var capture = new CaptureStream();
        Serialize(capture);
        byte[]? kept = capture.Detach();
        if (kept is not null && Interlocked.CompareExchange(ref _buffer, kept, null) is not null)
        {
            CaptureStream.Return(kept, (int)capture.Length);
        }

        Volatile.Write(ref _length, capture.Length);
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0 && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            CaptureStream.Return(buffer, (int)_length);
        }
    }

    private sealed class Serialized<T>(T value, JsonTypeInfo<T> typeInfo) : TrackedJsonContent
    {
        protected override void Serialize(Stream destination) => JsonSerializer.Serialize(destination, value, typeInfo);

        // The same serializer and options as Serialize, so the bytes (and their count) are the same.
        protected override Task SerializeAsync(Stream stream, CancellationToken cancellationToken) =>
            JsonSerializer.SerializeAsync(stream, value, typeInfo, cancellationToken);
    }

    private sealed class Fixed(byte[] utf8Json) : TrackedJsonContent
    {
        protected override void Serialize(Stream destination) => destination.Write(utf8Json, 0, utf8Json.Length);

        protected override Task SerializeAsync(Stream stream, CancellationToken cancellationToken) =>
            stream.WriteAsync(utf8Json, 0, utf8Json.Length, cancellationToken);
    }

    /// <summary>
    /// A write-only stream that counts what is written and keeps it, in a pooled buffer, while it stays within
    /// <see cref="MaxBufferedBytes"/>; past that it only counts.
    /// </summary>
    private sealed class CaptureStream : Stream
    {
        private byte[]? _kept;
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        /// <summary>Clears the body (it may hold a key) and gives the buffer back.</summary>
        public static void Return(byte[] buffer, int length)
        {
            buffer.AsSpan(0, Math.Min(Math.Max(length, 0), buffer.Length)).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }

        /// <summary>The buffer holding the whole body, or null when it was too large to keep; the caller owns it.</summary>
        public byte[]? Detach()
        {
            byte[]? kept = _kept;
            _kept = null;
            return kept;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

#if NETSTANDARD2_0
        public void Write(ReadOnlySpan<byte> buffer)
#else
        public override void Write(ReadOnlySpan<byte> buffer)
#endif
        {
            long end = _length + buffer.Length;
            if (end <= MaxBufferedBytes && (_kept is not null || _length == 0))
            {
                _kept ??= ArrayPool<byte>.Shared.Rent(MaxBufferedBytes);
                buffer.CopyTo(_kept.AsSpan((int)_length));
            }
            else if (_kept is not null)
            {
                // Too large to keep: it will be serialized into the request stream instead.
                Return(_kept, (int)_length);
                _kept = null;
            }

            _length = end;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (_kept is not null)
            {
                Return(_kept, (int)_length);
                _kept = null;
            }

            base.Dispose(disposing);
        }
    }
}
