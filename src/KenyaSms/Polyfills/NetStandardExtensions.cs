#if NETSTANDARD2_0
// Hand-written: PolySharp polyfills only compiler-facing types, not missing instance methods of BCL types.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace KenyaSms;

/// <summary>
/// Instance methods of net8.0 that netstandard2.0 lacks, as extensions with the same shape, so the
/// logic files read the same on every target. Instance methods win on net8.0+, where this file is empty.
/// </summary>
internal static class NetStandardExtensions
{
    public static bool TryAdd<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull
    {
        if (dictionary.ContainsKey(key))
        {
            return false;
        }

        dictionary.Add(key, value);
        return true;
    }

    public static TValue GetOrAdd<TKey, TValue, TArg>(
        this ConcurrentDictionary<TKey, TValue> dictionary, TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TKey : notnull =>
        dictionary.TryGetValue(key, out TValue? value) ? value : dictionary.GetOrAdd(key, k => valueFactory(k, factoryArgument));

    /// <summary>Task.WaitAsync(CancellationToken), which netstandard2.0 lacks.</summary>
    public static async Task WaitAsync(this Task task, CancellationToken cancellationToken)
    {
        var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetCanceled(), canceled))
        {
            await (await Task.WhenAny(task, canceled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    public static bool StartsWith(this string text, char value) => text.Length > 0 && text[0] == value;

    public static bool EndsWith(this string text, char value) => text.Length > 0 && text[text.Length - 1] == value;

    public static string GetString(this Encoding encoding, ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());

    public static ValueTask<int> ReadAsync(this Stream stream, Memory<byte> buffer, CancellationToken cancellationToken) =>
        MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment)
            ? new ValueTask<int>(stream.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken))
            : throw new NotSupportedException("Only array-backed buffers are read on netstandard2.0.");

    public static async Task<Stream> ReadAsStreamAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await content.ReadAsStreamAsync().ConfigureAwait(false);
    }

    public static async Task<byte[]> ReadAsByteArrayAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
#endif
