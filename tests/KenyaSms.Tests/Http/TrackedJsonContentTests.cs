using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Qserve;
using KenyaSms.Qserve.Wire;
using KenyaSms.Sending;
using KenyaSms.Synqtel;
using KenyaSms.Synqtel.Wire;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Http;

public class TrackedJsonContentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(500)]
    public async Task Content_AnySize_WritesExactlyWhatTheSerializerWritesWithThatLengthOnEveryAttempt(int messages)
    {
        SynqtelSendMultipleRequest request = Multiple(messages);
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(request, SynqtelJsonContext.Default.SynqtelSendMultipleRequest);
        using TrackedJsonContent content = TrackedJsonContent.Create(request, SynqtelJsonContext.Default.SynqtelSendMultipleRequest);

        Assert.Equal(expected.Length, content.Headers.ContentLength);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using var written = new MemoryStream();
            await content.CopyToAsync(written);
            Assert.Equal(expected, written.ToArray());
        }
    }

    [Fact]
    public async Task Content_LargeBody_WrittenFromPooledSegmentsWithoutALargeObjectHeapArray()
    {
        SynqtelSendMultipleRequest request = Multiple(600);
        using (TrackedJsonContent warm = TrackedJsonContent.Create(request, SynqtelJsonContext.Default.SynqtelSendMultipleRequest))
        {
            await warm.CopyToAsync(Stream.Null);
        }

        using TrackedJsonContent content = TrackedJsonContent.Create(request, SynqtelJsonContext.Default.SynqtelSendMultipleRequest);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long length = content.Headers.ContentLength!.Value;
        Task copy = content.CopyToAsync(Stream.Null);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await copy;

        // The body is ~100 KB; serializing and writing it rent pooled 16 KB segments and allocate no array of its size.
        Assert.True(copy.IsCompletedSuccessfully);
        Assert.True(length > 85_000, $"body {length} B");
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} B");
    }

    [Fact]
    public void Content_KeyInBody_NotInToStringOrHeaders()
    {
        using TrackedJsonContent content = TrackedJsonContent.Create(
            new QserveSendRequest("acme", "qsk-SECRET-KEY", "MYCO", "254722123456", "hi"), QserveJsonContext.Default.QserveSendRequest);

        Assert.DoesNotContain("SECRET", content.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", content.Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_Disposed_ThrowsRatherThanWritingAReturnedBuffer()
    {
        TrackedJsonContent content = TrackedJsonContent.Create(Multiple(1), SynqtelJsonContext.Default.SynqtelSendMultipleRequest);
        await content.CopyToAsync(Stream.Null);
        content.Dispose();
        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.CopyToAsync(Stream.Null));
    }

    // A personalised text with '+' (written \u002B) and a UCS-2 character, as the campaign benchmark sends.
    private static SynqtelSendMultipleRequest Multiple(int count) => new(7, "MYCO",
        [.. Enumerable.Range(0, count).Select(i => new SynqtelMultipleItem($"+2547220{i:D5}", $"Habari mteja {i}, salio lako ni KES {i * 37:N0}. Lipa kupitia M-Pesa 123456 kabla ya Ijumaa ✓", $"{1_000_000_000_000_000L + i}"))]);
}
