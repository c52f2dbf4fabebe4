using System.Text;
using CsCheck;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;
using KenyaSms.Tests.TestSupport;
using Xunit.Abstractions;

namespace KenyaSms.Tests.Json;

// Issue 5 item 4, parser level: every reference-doc response (the fixtures) mutated by HostileMutation's ops
// (truncation, type swaps, nulls, deep nesting, huge numbers, invalid UTF-8, BOMs, byte noise; one to three of them in
// order) and fed to every response reader, and the delivery report to its parser. Only the documented outcome may come
// out (a reply, or InvalidProviderResponseException; TryParse true/false), every call returns, and no call allocates
// more than a generous linear bound of its input: a nesting or number bomb is refused early, not chewed on.
// CsCheck properties: a failure is shrunk (fewer ops, earlier values, first replacements) and printed with the ops as
// applied, the body and the seed that replays it. KENYASMS_MUTATIONS (default 400 per fixture) runs more.
public sealed class ResponseParserFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Readers() => [.. ResponseReaders.ByName.Keys];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_HostileMutationsOfEveryFixture_OnlyInvalidProviderResponseEscapesWithinBoundedAllocation(string reader)
    {
        Func<byte[], object> read = ResponseReaders.ByName[reader];
        string[] names = [.. FixtureFiles.All(ResponseReaders.Provider(reader))];
        byte[][] fixtures = [.. names.Select(FixtureFiles.Read)];
        var tally = new FuzzTally();

        Gen.Select(Gen.Int[0, names.Length - 1], HostileMutation.Ops).Sample(
            (fixture, ops) =>
            {
                byte[] body = HostileMutation.Apply(fixtures[fixture], ops);
                tally.Run(ops, body, () =>
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
                });
            },
            iter: Mutations * names.Length,
            print: c => $"{reader} reading " + HostileMutation.Describe(names[c.Item1], fixtures[c.Item1], c.Item2));

        output.WriteLine($"{reader}: {tally}");
        tally.AssertEveryKindTriedAndBothOutcomesSeen();
    }

    [Fact]
    public void TryParse_HostileMutationsOfTheDeliveryReport_NeverThrowsWithinBoundedAllocation()
    {
        const string Name = "Synqtel/delivery-report.json";
        byte[] original = FixtureFiles.Read(Name);
        var tally = new FuzzTally();

        HostileMutation.Ops.Sample(
            ops =>
            {
                byte[] body = HostileMutation.Apply(original, ops);
                tally.Run(ops, body, () => DeliveryReportParser.TryParse("synqtel", body, out _));
            },
            iter: Mutations * 4,
            print: ops => "DeliveryReportParser.TryParse on " + HostileMutation.Describe(Name, original, ops));

        output.WriteLine($"DeliveryReportParser: {tally}");
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
