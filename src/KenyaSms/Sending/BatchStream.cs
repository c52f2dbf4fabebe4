using System.Runtime.CompilerServices;

namespace KenyaSms.Sending;

/// <summary>
/// <c>SendBatchStreamAsync</c>: reads a window of messages, sends it with <see cref="ISmsGateway.SendBatchAsync"/>,
/// yields its results, and only then reads the next window, so memory is bounded by the window, not by the campaign.
/// </summary>
internal static class BatchStream
{
    /// <summary>The window list's initial capacity at most (a huge window size does not allocate up front).</summary>
    private const int MaxInitialCapacity = 4096;

    public static void ThrowIfWindowTooSmall(int windowSize)
    {
        if (windowSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "The window must hold at least one message.");
        }
    }

    public static async IAsyncEnumerable<SmsRecipientResult> SendAsync(
        ISmsGateway gateway,
        IAsyncEnumerable<SmsMessage> messages,
        int windowSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<SmsMessage> reader = messages.GetAsyncEnumerator(cancellationToken);
        try
        {
            int start = 0;
            bool more = true;
            while (more)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // Between windows: every earlier window's results were yielded, and nothing after them went out.
                    throw new SmsSendCanceledException(gateway.Name,
                        $"The streamed send was cancelled by the caller before the window starting at input index {start}; nothing from that index on reached the provider.",
                        mayHaveBeenSent: false, partialResult: null, cancellationToken: cancellationToken);
                }

                var window = new List<SmsMessage>(Math.Min(windowSize, MaxInitialCapacity));
                while (window.Count < windowSize && (more = await reader.MoveNextAsync().ConfigureAwait(false)))
                {
                    window.Add(reader.Current ?? throw new ArgumentNullException(nameof(messages),
                        $"The message at input index {start + window.Count} is null. {Sent(start)}"));
                }

                if (window.Count == 0)
                {
                    break;
                }

                SmsSendResult result = await SendWindowAsync(gateway, window, start, cancellationToken).ConfigureAwait(false);
                foreach (SmsRecipientResult recipient in result.Recipients)
                {
                    yield return recipient;
                }

                start += window.Count;
            }
        }
        finally
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A synchronous sequence read through the asynchronous path (each step completes at once).</summary>
    public static IAsyncEnumerable<SmsMessage> AsAsync(IEnumerable<SmsMessage> messages) => new SyncMessages(messages);

    // messages: the window. Its exceptions name "messages", the parameter of the public method.
    private static async Task<SmsSendResult> SendWindowAsync(ISmsGateway gateway, List<SmsMessage> messages, int start, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.SendBatchAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // The gateway refused the window before sending any of it; say which input it was, counted from the campaign's start.
            string detail = Detail(ex);
            throw WindowIndex(ex.ParamName) is int index && index < messages.Count
                ? new ArgumentException($"The message at input index {start + index} is not valid: {detail} {Sent(start)}", nameof(messages), ex)
                : new ArgumentException($"The window of input indexes {start} to {start + messages.Count - 1} was refused: {detail} {Sent(start)}", nameof(messages), ex);
        }
    }

    private static string Sent(int start) => start == 0
        ? "Nothing was sent."
        : $"The {start} messages before it were sent in earlier windows; none of this window was.";

    // "messages[12]" (what the SDK's gateways name a bad message) gives 12.
    private static int? WindowIndex(string? paramName)
    {
        const string Prefix = "messages[";
        if (paramName is null || !paramName.StartsWith(Prefix, StringComparison.Ordinal) || paramName[paramName.Length - 1] != ']')
        {
            return null;
        }

        string digits = paramName.Substring(Prefix.Length, paramName.Length - Prefix.Length - 1);
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) ? index : null;
    }

    // The exception's own message without the "(Parameter 'x')" the runtime appends.
    private static string Detail(ArgumentException ex)
    {
        string message = ex.Message;
        if (ex.ParamName is { } name)
        {
            foreach (string suffix in (ReadOnlySpan<string>)[$" (Parameter '{name}')", $"{Environment.NewLine}Parameter name: {name}"])
            {
                if (message.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return message.Substring(0, message.Length - suffix.Length);
                }
            }
        }

        return message;
    }

    private sealed class SyncMessages(IEnumerable<SmsMessage> messages) : IAsyncEnumerable<SmsMessage>
    {
        public IAsyncEnumerator<SmsMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Reader(messages.GetEnumerator());

        private sealed class Reader(IEnumerator<SmsMessage> inner) : IAsyncEnumerator<SmsMessage>
        {
            public SmsMessage Current => inner.Current;

            public ValueTask<bool> MoveNextAsync() => new(inner.MoveNext());

            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return default;
            }
        }
    }
}
