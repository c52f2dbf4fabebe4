#if !NETSTANDARD2_0
using System.Net.Http.Headers;
#endif


namespace KenyaSms.Http;

/// <summary>A response body read in full (within the size cap) during the attempt that received it.</summary>
internal sealed class BufferedContent : ByteArrayContent
{
    private readonly byte[] _body;
    private readonly int _length;

    private BufferedContent(byte[] body, int length)
        : base(body, 0, length)
    {
        _body = body;
        _length = length;
    }

    public ReadOnlyMemory<byte> Body => _body.AsMemory(0, _length);

    /// <summary>
    /// Reads <paramref name="response"/>'s body, at most <paramref name="maxBytes"/>, and swaps it for a
    /// buffered copy with the same headers.
    /// </summary>
    /// <exception cref="ResponseTooLargeException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task BufferAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        HttpContent? original = response.Content;
        if (original is null or BufferedContent)
        {
            return;
        }

        if (original.Headers.ContentLength is long declared && declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        byte[] buffer = new byte[(int)Math.Min(original.Headers.ContentLength ?? 4096, maxBytes) + 1];
        int length = 0;
        using (Stream stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        throw new ResponseTooLargeException(maxBytes);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }

        if (length > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        var buffered = new BufferedContent(buffer, length);
        CopyHeaders(original, buffered);
        response.Content = buffered;
        original.Dispose();
    }

    // Every header but Content-Length (the buffer's own length rules). On net8+ the raw values are copied as
    // received: enumerating Headers would parse each one (and re-format it) only for the copy to be parsed again.
    private static void CopyHeaders(HttpContent original, BufferedContent buffered)
    {
#if NETSTANDARD2_0
        foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
#else
        foreach (KeyValuePair<string, HeaderStringValues> header in original.Headers.NonValidated)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                foreach (string value in header.Value)
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, value);
                }
            }
        }
#endif
    }
}

/// <summary>The response body was larger than <see cref="SmsResilienceOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(int maxBytes)
        : base($"The response body is larger than {maxBytes} bytes.")
    {
    }

    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
