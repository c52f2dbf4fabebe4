using System.Globalization;
using CsCheck;

namespace KenyaSms.IntegrationTests.Reliability;

// The CsCheck generators of the randomized schedules (FaultSchedule, LedgerSchedule), checked without a server: every
// schedule they can draw is one the reliability tests can play and audit. CsCheck shrinks a malformed schedule and
// prints the seed that replays it (Sample(..., seed: "<seed>")).
public sealed class ScheduleGeneratorTests
{
    private static readonly Gen<int> Seeds = Gen.Int[1, int.MaxValue / 2];

    [Fact]
    public void FaultSchedule_Generator_DrawsSchedulesThatCanBePlayed()
    {
        Seeds.SelectMany(seed => FaultSchedule.Generator(seed)).Sample(
            schedule =>
            {
                Assert.Contains(schedule.MaxRetryAttempts, new[] { 0, 1, 3 });
                Assert.Equal(10, schedule.SynqtelAttempts.Length);
                Assert.Equal(10, schedule.QserveAttempts.Length);
                AssertSend(schedule.Send, schedule.Seed);
            },
            iter: 2_000,
            print: s => s.ToString());
    }

    [Fact]
    public void LedgerSchedule_Generator_DrawsRunsThatEndLiveInConsecutiveWaves()
    {
        Seeds.SelectMany(seed => LedgerSchedule.Generator(seed)).Sample(
            schedule =>
            {
                AssertSend(schedule.Send, schedule.Seed);
                Assert.All(schedule.Send.Messages, m => Assert.NotNull(m.IdempotencyKey));
                Assert.Equal(schedule.Send.Messages.Count, schedule.Send.Messages.Select(m => m.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
                Assert.InRange(schedule.Runs.Count, 1, 5);
                Assert.Equal(Enumerable.Range(0, schedule.Runs.Count), schedule.Runs.Select(r => r.Index));
                Assert.Equal(0, schedule.Runs[0].Wave);
                Assert.All(schedule.Runs.Skip(1).Zip(schedule.Runs), p => Assert.InRange(p.First.Wave - p.Second.Wave, 0, 1));
                Assert.Equal(RunFate.Lives, schedule.Runs[^1].Fate);
                Assert.All(schedule.Runs, r => Assert.InRange(r.KillAtClaim, 1, 2));
                Assert.All(schedule.Runs, r => Assert.InRange(r.CancelAfter, TimeSpan.Zero, TimeSpan.FromMilliseconds(119)));
                Assert.Equal(schedule.Waves, schedule.LeasePassesBeforeWave.Count);
                Assert.False(schedule.LeasePassesBeforeWave[0]);
                Assert.Equal(6 * schedule.Runs.Count, schedule.SynqtelAttempts.Length);
                Assert.Equal(6 * schedule.Runs.Count, schedule.QserveAttempts.Length);
            },
            iter: 2_000,
            print: s => s.ToString());
    }

    // The same seed gives the same schedule: the tests' KENYASMS_SEED replays a failing one.
    [Fact]
    public void Create_SameSeed_SameSchedule()
    {
        Seeds.Sample(
            seed =>
            {
                Assert.Equal(FaultSchedule.Create(seed).ToString(), FaultSchedule.Create(seed).ToString());
                Assert.Equal(LedgerSchedule.Create(seed).ToString(), LedgerSchedule.Create(seed).ToString());
            },
            iter: 200);
    }

    // The send matches its kind; its texts are unique (the simulator's ledger ties accepted SMS to them); every number
    // parses but for the one deliberately invalid entry; client references, when drawn, are the seed's. (Numbers are
// distinct as typed, not as numbers: a Do-Not-Disturb number can come twice in two forms, as before the generators.)
    private static void AssertSend(LogicalSend send, int seed)
    {
        switch (send.Kind)
        {
            case SendKind.SingleRecipient:
                Assert.Single(Assert.Single(send.Messages).To);
                break;
            case SendKind.Bulk:
                Assert.InRange(Assert.Single(send.Messages).To.Count, 2, 6);
                break;
            default:
                Assert.InRange(send.Messages.Count, 2, 3);
                Assert.All(send.Messages, m => Assert.InRange(m.To.Count, 1, 4));
                break;
        }

        string hex = seed.ToString("x", CultureInfo.InvariantCulture);
        Assert.Equal(send.Messages.Count, send.Messages.Select(m => m.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.All(send.Messages, m => Assert.StartsWith("rel " + hex, m.Text, StringComparison.Ordinal));
        Assert.All(send.Messages, m => Assert.True(m.ClientReference is null || m.ClientReference.StartsWith("ref-" + hex + "-", StringComparison.Ordinal), m.ClientReference));
        foreach (PlannedMessage message in send.Messages)
        {
            string[] invalid = [.. message.To.Where(n => !PhoneNumber.TryParse(n, out _))];
            Assert.True(invalid is [] or ["0722-12"], string.Join(", ", invalid));
            Assert.Contains(message.To, n => PhoneNumber.TryParse(n, out _));
        }
    }
}
