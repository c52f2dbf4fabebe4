using Xunit;

namespace KenyaSms.Tests.TestSupport;

/// <summary>Runs fuzz cases: counts outcomes per mutation kind, fails on a wrong exception or an allocation over the bound.</summary>
internal sealed class FuzzTally
{
    private readonly Dictionary<HostileJson.Kind, (int Accepted, int Refused)> _byKind = [];
    private long _maxAllocated;
    private int _maxInput;

    /// <summary>How many mutations a fuzz test runs: <c>KENYASMS_MUTATIONS</c> when set (long runs), else <paramref name="ci"/>.</summary>
    public static int Mutations(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("KENYASMS_MUTATIONS"), out int n) && n > 0 ? n : ci;

    /// <summary>Allocation allowed for one call: a fixed 256 KB (exceptions, snippets) plus 24 bytes per input byte.</summary>
    public static long Bound(int inputLength) => (256 * 1024) + (24L * inputLength);

    public static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Runs <paramref name="call"/> (true: accepted, false: refused the documented way); anything it throws fails the test.</summary>
    public void Run(HostileJson.Kind kind, byte[] input, Func<bool> call, string where)
    {
        bool accepted = false;
        long allocated;
        try
        {
            allocated = Allocated(() => accepted = call());
        }
#pragma warning disable CA1031 // any other exception is the finding
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Assert.Fail($"{where} ({kind}): {ex.GetType().Name}: {ex.Message}\ninput (base64): {Convert.ToBase64String(input)}");
            return;
        }

        Assert.True(allocated <= Bound(input.Length),
            $"{where} ({kind}): allocated {allocated} bytes for a {input.Length}-byte input (bound {Bound(input.Length)})\ninput (base64): {Convert.ToBase64String(input)}");
        _maxAllocated = Math.Max(_maxAllocated, allocated);
        _maxInput = Math.Max(_maxInput, input.Length);
        (int a, int r) = _byKind.GetValueOrDefault(kind);
        _byKind[kind] = accepted ? (a + 1, r) : (a, r + 1);
    }

    public void AssertEveryKindTriedAndBothOutcomesSeen()
    {
        Assert.All(HostileJson.Kinds, kind => Assert.True(_byKind.ContainsKey(kind), $"no {kind} mutation was tried"));
        Assert.True(_byKind.Values.Sum(v => v.Accepted) > 0 && _byKind.Values.Sum(v => v.Refused) > 0, "the mutations should produce both readable and unreadable bodies");
    }

    public override string ToString() =>
        $"{_byKind.Values.Sum(v => v.Accepted + v.Refused)} bodies, largest {_maxInput} bytes, most allocated by one call {_maxAllocated} bytes; "
        + string.Join(", ", _byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value.Accepted} read/{k.Value.Refused} refused"));
}
