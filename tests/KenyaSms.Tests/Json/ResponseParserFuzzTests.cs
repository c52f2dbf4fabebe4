using System.Text;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;
using KenyaSms.Tests.TestSupport;
using Xunit.Abstractions;

namespace KenyaSms.Tests.Json;

// Issue 5 item 4, parser level: every reference-doc response (the fixtures) mutated by every kind of HostileJson
// (truncation, type swaps, nulls, deep nesting, huge numbers, invalid UTF-8, BOMs, byte noise) and fed to every
// response reader, and the delivery report to its parser. Only the documented outcome may come out (a reply, or
// InvalidProviderResponseException; TryParse true/false), every call returns, and no call allocates more than a
// generous linear bound of its input: a nesting or number bomb is refused early, not chewed on.
// KENYASMS_MUTATIONS (default 400 per fixture) runs more.
public sealed class ResponseParserFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_250_907;

    public static TheoryData<string> Readers() => [.. ResponseReaders.ByName.Keys];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_HostileMutationsOfEveryFixture_OnlyInvalidProviderResponseEscapesWithinBoundedAllocation(string reader)
    {
        Func<byte[], object> read = ResponseReaders.ByName[reader];
        var tally = new FuzzTally();
        var random = new Random(Seed);
        foreach (string fixture in FixtureFiles.All(ResponseReaders.Provider(reader)))
        {
            byte[] original = FixtureFiles.Read(fixture);
            for (int i = 0; i < Mutations; i++)
            {
                (byte[] body, HostileJson.Kind kind) = HostileJson.Mutate(random, original);
                tally.Run(kind, body, () =>
                {
                    try
                    {
                        read(body);
                        return true;
                    }
                    catch (InvalidProviderResponseException ex) when (ex.Snippet.Length is > 0 and <= 120)
                    {
                        return false;
                    }
                }, $"seed {Seed}, {reader}, {fixture}, mutation {i}");
            }
        }

        output.WriteLine($"{reader} (seed {Seed}): {tally}");
        tally.AssertEveryKindTriedAndBothOutcomesSeen();
    }

    [Fact]
    public void TryParse_HostileMutationsOfTheDeliveryReport_NeverThrowsWithinBoundedAllocation()
    {
        byte[] original = FixtureFiles.Read("Synqtel/delivery-report.json");
        var tally = new FuzzTally();
        var random = new Random(Seed);
        for (int i = 0; i < Mutations * 4; i++)
        {
            (byte[] body, HostileJson.Kind kind) = HostileJson.Mutate(random, original);
            tally.Run(kind, body, () => DeliveryReportParser.TryParse("synqtel", body, out _), $"seed {Seed}, delivery report, mutation {i}");
        }

        output.WriteLine($"DeliveryReportParser (seed {Seed}): {tally}");
        tally.AssertEveryKindTriedAndBothOutcomesSeen();
    }

    [Theory]
    [InlineData(15)]
    [InlineData(100_000)]
    public void Read_NestingBomb_RefusedWithAllocationIndependentOfDepth(int depth)
    {
        byte[] bomb = Encoding.UTF8.GetBytes(new string('[', depth) + "1" + new string(']', depth));

        long allocated = FuzzTally.Allocated(() => Assert.Throws<InvalidProviderResponseException>(() => ResponseReaders.ByName["Synqtel.ReadSingle"](bomb)));

        // The reader's depth limit stops it at level 17 whatever the depth: no parse tree, no stack, of the bomb's size.
        Assert.InRange(allocated, 1, 64 * 1024);
    }

    private static int Mutations => FuzzTally.Mutations(400);
}
