using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>
/// The innermost handler for Synqtel sendmultiple: reads the request body as a transport would, and
/// answers with a reply shaped like the reference's "Success Response" with one schedule_details
/// entry per message, echoing its mobile and client_ref. Buffers are pooled, so the stub's own
/// allocations per request are a few small objects, the same for the SDK and the baseline.
/// </summary>
public sealed class SendMultipleStub : HttpMessageHandler
{
    private readonly ConcurrentQueue<MemoryStream> _sinks = new();
    private long _messageId = 335_951_830;
    private long _requests;

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_sinks.TryDequeue(out MemoryStream? sink))
        {
            sink = new MemoryStream(128 * 1024);
        }

        sink.SetLength(0);
        await request.Content!.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
        PooledContent content = Reply(sink.GetBuffer().AsSpan(0, (int)sink.Length));
        _sinks.Enqueue(sink);
        Interlocked.Increment(ref _requests);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    /// <summary>Builds the reply to one sendmultiple body (public so that the stub's own cost can be measured alone).</summary>
    public PooledContent Reply(ReadOnlySpan<byte> requestBody)
    {
        var output = new PooledBufferWriter(requestBody.Length * 2 + 256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status_code"u8, 1000);
            writer.WriteString("status_desc"u8, "Success"u8);
            writer.WriteString("credit_balance"u8, "-10615.0000"u8);
            writer.WriteStartArray("schedule_details"u8);

            Span<byte> mobile = stackalloc byte[64];
            Span<byte> clientRef = stackalloc byte[64];
            int mobileLength = 0;
            int clientRefLength = 0;
            var reader = new Utf8JsonReader(requestBody);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 3 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("mobile"u8))
                    {
                        reader.Read();
                        mobileLength = reader.CopyString(mobile);
                    }
                    else if (reader.ValueTextEquals("client_ref"u8))
                    {
                        reader.Read();
                        clientRefLength = reader.TokenType == JsonTokenType.String ? reader.CopyString(clientRef) : Copy(reader.ValueSpan, clientRef);
                    }
                }
                else if (reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.EndObject)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("message_id"u8, Interlocked.Increment(ref _messageId));
                    writer.WriteString("client_ref"u8, clientRef[..clientRefLength]);
                    writer.WriteString("mobile"u8, mobile[..mobileLength]);
                    writer.WriteString("schedule_status"u8, "1"u8);
                    writer.WriteString("schedule_desc"u8, "Success"u8);
                    writer.WriteString("network_id"u8, "1"u8);
                    writer.WriteNumber("message_cost"u8, 1);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.ToContent();
    }

    protected override void Dispose(bool disposing)
    {
        while (_sinks.TryDequeue(out MemoryStream? sink))
        {
            sink.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    /// <summary>An IBufferWriter over one pooled array that grows by renting a bigger one.</summary>
    private sealed class PooledBufferWriter : IBufferWriter<byte>
    {
        private byte[] _buffer;
        private int _written;

        public PooledBufferWriter(int initial) => _buffer = ArrayPool<byte>.Shared.Rent(initial);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsSpan(_written);
        }

        public PooledContent ToContent() => new(_buffer, _written);

        private void Ensure(int sizeHint)
        {
            if (_buffer.Length - _written >= Math.Max(sizeHint, 1))
            {
                return;
            }

            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
            _buffer.AsSpan(0, _written).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
