using Xunit;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// Runs fuzz cases (from any CsCheck thread): fails on a wrong exception or an allocation over the bound, and counts
/// outcomes per mutation kind (a body counts for every kind among its ops), so a test can show its generator reaches them.
/// </summary>
internal sealed class FuzzTally
{
    private readonly Lock _lock = new();
    private readonly Dictionary<HostileMutation.Kind, (int Accepted, int Refused)> _byKind = [];
    private int _accepted;
    private int _refused;
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

    /// <summary>Runs <paramref name="call"/> (true: accepted, false: refused the documented way); anything it throws fails the case.</summary>
    public void Run(IReadOnlyList<HostileMutation.Op> ops, byte[] input, Func<bool> call)
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
            Assert.Fail($"{ex.GetType().Name} escaped: {ex.Message}");
            return;
        }

        Assert.True(allocated <= Bound(input.Length), $"allocated {allocated} bytes for a {input.Length}-byte input (bound {Bound(input.Length)})");
        lock (_lock)
        {
            _maxAllocated = Math.Max(_maxAllocated, allocated);
            _maxInput = Math.Max(_maxInput, input.Length);
            if (accepted)
            {
                _accepted++;
            }
            else
            {
                _refused++;
            }

            foreach (HostileMutation.Kind kind in ops.Select(o => o.Kind).Distinct())
            {
                (int a, int r) = _byKind.GetValueOrDefault(kind);
                _byKind[kind] = accepted ? (a + 1, r) : (a, r + 1);
            }
        }
    }

    /// <summary>
    /// Every kind of mutation was among the ops of at least 5% of the bodies (about 18% expected: one kind in eight, 1.5
    /// ops on average), and at least 1% of the bodies were read and 1% refused: the generator tests the parser's both sides.
    /// </summary>
    public void AssertEveryKindTriedAndBothOutcomesSeen()
    {
        int total = _accepted + _refused;
        Assert.All(HostileMutation.Kinds, kind =>
        {
            (int a, int r) = _byKind.GetValueOrDefault(kind);
            Assert.True(a + r >= total / 20, $"{kind} was in {a + r} of {total} bodies; {this}");
        });
        Assert.True(_accepted >= total / 100 && _refused >= total / 100 && _accepted > 0 && _refused > 0,
            $"the mutations should produce both readable and unreadable bodies; {this}");
    }

    public override string ToString() =>
        $"{_accepted + _refused} bodies ({_accepted} read, {_refused} refused), largest {_maxInput} bytes, most allocated by one call {_maxAllocated} bytes; "
        + string.Join(", ", _byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value.Accepted} read/{k.Value.Refused} refused"));
}
