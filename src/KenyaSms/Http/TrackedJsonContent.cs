using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KenyaSms.Http;

/// <summary>
/// A JSON request body, carrying its request's <see cref="SmsRequestState"/> (so that a copy of the request made
/// by some handler is still known as the SDK's). Every attempt (a retry re-sends the same request, and so this
/// content) writes the same bytes. A write during its send's transport call marks the body started; a write at any
/// other time (a handler that reads this content for logging or signing, which makes .NET buffer it, so later writes
/// copy that buffer without calling this class again) is remembered in <see cref="ReadOutsideTransport"/>, and the
/// transport then watches the body itself (<c>TransportContent</c>).
/// </summary>
/// <remarks>
/// The body is serialized from the wire model with its source-generated <see cref="JsonTypeInfo{T}"/> (the
/// generated fast path) straight into pooled 16 KB segments, once, when the request first needs its length; each
/// attempt writes those segments to the request stream, and dispose clears them (a 254sms body holds the key)
/// and returns them to the pool. So a request keeps its Content-Length (faster than a chunked upload on loopback,
/// see docs/benchmarks.md, and what the providers have always been sent), no body is ever one array (a
/// 500-message sendmultiple is ~99 KB, which as a <c>byte[]</c> landed on the large-object heap per request), and
/// no intermediate string or array is made. A body is held only while its request is in flight.
/// </remarks>
internal abstract class TrackedJsonContent : HttpContent, IBufferWriter<byte>
{
    /// <summary>The size of the pooled segments a body is written into (below the large-object threshold).</summary>
    internal const int SegmentSize = 16 * 1024;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue FormMediaType = new("application/x-www-form-urlencoded");

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private long _length = -1;
    private int _readOutsideTransport;

    // The segment being written, and the ones already full (with the bytes used in each).
    private byte[]? _current;
    private int _currentUsed;
    private List<(byte[] Buffer, int Used)>? _full;

    // The owner (dispose) plus every write in progress: the last one returns the segments, so a write that
    // outlives its attempt (a cancelled send is not always awaited by the handler) never reads a buffer that
    // went back to the pool.
    private int _users = 1;
    private int _disposed;

    protected TrackedJsonContent() => Headers.ContentType = JsonMediaType;

    /// <summary>A body serialized from <paramref name="value"/> with its source-generated metadata.</summary>
    public static TrackedJsonContent Create<T>(T value, JsonTypeInfo<T> typeInfo) => new Serialized<T>(value, typeInfo);

    /// <summary>A fixed body.</summary>
    public static TrackedJsonContent Create(byte[] utf8Json) => new Fixed(utf8Json);

    /// <summary>A fixed form-encoded body (<c>application/x-www-form-urlencoded</c>, Africa's Talking), tracked like a JSON one.</summary>
    public static TrackedJsonContent CreateForm(byte[] form)
    {
        var content = new Fixed(form);
        content.Headers.ContentType = FormMediaType;
        return content;
    }

    /// <summary>The state of the request this body belongs to.</summary>
    public SmsRequestState? State { get; private set; }

    /// <summary>True once something other than its send's transport read this body: only the transport's own wrapper can then tell when it goes out.</summary>
    public bool ReadOutsideTransport => Volatile.Read(ref _readOutsideTransport) != 0;

    /// <summary>Attaches the request's state.</summary>
    public void Track(SmsRequestState state) => State = state;

    void IBufferWriter<byte>.Advance(int count)
    {
        _currentUsed += count;
        _length += count;
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => NextSegment(sizeHint);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => NextSegment(sizeHint).Span;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteBodyAsync(stream, CancellationToken.None);

#if !NETSTANDARD2_0
    // net5.0+ passes the request's token here; netstandard2.0 has only the overload above.
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteBodyAsync(stream, cancellationToken);
#endif

    protected override bool TryComputeLength(out long length)
    {
        Serialize();
        length = _length;
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

    /// <summary>Writes the whole body into <paramref name="output"/> (this content's segments).</summary>
    protected abstract void WriteBody(IBufferWriter<byte> output);

    private Memory<byte> NextSegment(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is null || _current.Length - _currentUsed < sizeHint)
        {
            if (_current is not null)
            {
                (_full ??= []).Add((_current, _currentUsed));
            }

            _current = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, SegmentSize));
            _currentUsed = 0;
        }

        return _current.AsMemory(_currentUsed);
    }

    // Serializes the body into the segments, once (attempts are sequential; the first one does it).
    private void Serialize()
    {
        if (_length >= 0)
        {
            return;
        }

        _length = 0;
        WriteBody(this);
    }

    private async Task WriteBodyAsync(Stream stream, CancellationToken cancellationToken)
    {
        // Disposed (the segments went back to the pool) between HttpContent's own check and here: never read them.
        Throw.IfDisposed(!TryAddUser(), this);

        try
        {
            Serialize();
            if (State is { AtTransport: true } state)
            {
                state.MarkBodyStarted(); // from here on the provider may receive bytes of this attempt
            }
            else
            {
                Volatile.Write(ref _readOutsideTransport, 1);
            }
            if (_full is not null)
            {
                foreach ((byte[] buffer, int used) in _full)
                {
                    await WriteAsync(stream, buffer, used, cancellationToken).ConfigureAwait(false);
                }
            }

            if (_current is { } last)
            {
                await WriteAsync(stream, last, _currentUsed, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Release();
        }
    }

    private static ValueTask WriteAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken) =>
#if NETSTANDARD2_0
        new(stream.WriteAsync(buffer, 0, count, cancellationToken));
#else
        stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
#endif

    // A new user only while someone still holds the segments (the count never comes back from 0).
    private bool TryAddUser()
    {
        for (int users = Volatile.Read(ref _users); users > 0; users = Volatile.Read(ref _users))
        {
            if (Interlocked.CompareExchange(ref _users, users + 1, users) == users)
            {
                return true;
            }
        }

        return false;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _users) != 0)
        {
            return;
        }

        if (_full is not null)
        {
            foreach ((byte[] buffer, int used) in _full)
            {
                Return(buffer, used);
            }

            _full = null;
        }

        if (_current is { } last)
        {
            _current = null;
            Return(last, _currentUsed);
        }
    }

    // Cleared first: a 254sms body holds the API key.
    private static void Return(byte[] buffer, int used)
    {
        buffer.AsSpan(0, used).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private sealed class Serialized<T>(T value, JsonTypeInfo<T> typeInfo) : TrackedJsonContent
    {
        protected override void WriteBody(IBufferWriter<byte> output)
        {
            // One writer per thread, reset onto this body and off it again (so it keeps nothing alive). Its
            // options are the serializer's for these contexts (no indenting, the default encoder), minus the
            // checks the serializer does not need: the bytes are SerializeToUtf8Bytes' (a test compares them).
            Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(NoOutput.Instance, new JsonWriterOptions { SkipValidation = true });
            writer.Reset(output);
            try
            {
                JsonSerializer.Serialize(writer, value, typeInfo);
                writer.Flush();
            }
            finally
            {
                writer.Reset(NoOutput.Instance);
            }
        }
    }

    private sealed class Fixed(byte[] utf8Json) : TrackedJsonContent
    {
        protected override void WriteBody(IBufferWriter<byte> output)
        {
            utf8Json.CopyTo(output.GetSpan(utf8Json.Length));
            output.Advance(utf8Json.Length);
        }
    }

    /// <summary>Where the cached writer points between bodies: nothing may be written there.</summary>
    private sealed class NoOutput : IBufferWriter<byte>
    {
        public static readonly NoOutput Instance = new();

        public void Advance(int count) => throw new InvalidOperationException();

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException();

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException();
    }
}
