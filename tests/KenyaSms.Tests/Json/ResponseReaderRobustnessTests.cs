using System.Text;
using System.Text.RegularExpressions;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;
using KenyaSms.Tests.TestSupport;
using Xunit.Abstractions;

namespace KenyaSms.Tests.Json;

// Every reader, every bad body: only InvalidProviderResponseException escapes, with a short redacted snippet.
public sealed partial class ResponseReaderRobustnessTests
{
    private const int Seed = 20_240_611;
    private const int MutationsPerFixture = 2_000;

    private readonly ITestOutputHelper _output;

    public ResponseReaderRobustnessTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> ReadersAndBadBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (string reader in ResponseReaders.ByName.Keys)
        {
            foreach (string body in BadBodies.ByName.Keys)
            {
                data.Add(reader, body);
            }
        }

        return data;
    }

    public static TheoryData<string> Readers() => [.. ResponseReaders.ByName.Keys];

    [Theory]
    [MemberData(nameof(ReadersAndBadBodies))]
    public void Read_BadBody_ThrowsInvalidProviderResponseWithShortRedactedSnippet(string reader, string body)
    {
        var ex = Assert.Throws<InvalidProviderResponseException>(() => ResponseReaders.ByName[reader](BadBodies.ByName[body]));

        Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
        Assert.InRange(ex.Snippet.Length, 1, 120);
        Assert.DoesNotContain(BadBodies.Secret, ex.Snippet, StringComparison.Ordinal);
        Assert.DoesNotMatch(SevenDigits(), ex.Snippet);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_EveryFixtureWithBom_ReadsAsWithout(string reader)
    {
        Func<byte[], object> read = ResponseReaders.ByName[reader];
        int readable = 0;
        foreach (string fixture in FixtureFiles.All(ResponseReaders.Provider(reader)))
        {
            byte[] body = FixtureFiles.Read(fixture);
            object? plain = TryRead(read, body);
            object? withBom = TryRead(read, [0xEF, 0xBB, 0xBF, .. body]);

            Assert.Equal(Describe(plain), Describe(withBom));
            readable += plain is null ? 0 : 1;
        }

        Assert.True(readable > 0, $"{reader} read none of its provider's fixtures");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_MutatedFixtures_ReturnOrThrowInvalidProviderResponseOnly(string reader)
    {
        Func<byte[], object> read = ResponseReaders.ByName[reader];
        var random = new Random(Seed);
        int returned = 0, refused = 0;
        foreach (string fixture in FixtureFiles.All(ResponseReaders.Provider(reader)))
        {
            byte[] original = FixtureFiles.Read(fixture);
            for (int i = 0; i < MutationsPerFixture; i++)
            {
                byte[] mutated = JsonMutator.Mutate(random, original);
                try
                {
                    read(mutated);
                    returned++;
                }
                catch (InvalidProviderResponseException ex) when (ex.Snippet.Length is > 0 and <= 120)
                {
                    refused++;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"seed {Seed}, {reader}, {fixture}, mutation {i}: {ex.GetType().Name}: {ex.Message}\n"
                        + $"input (base64): {Convert.ToBase64String(mutated)}\ninput (latin-1): {Encoding.Latin1.GetString(mutated)}");
                }
            }
        }

        _output.WriteLine($"{reader}: {returned} returned, {refused} refused (seed {Seed})");
        Assert.True(returned > 0 && refused > 0, "the mutations should produce both readable and unreadable bodies");
    }

    private static object? TryRead(Func<byte[], object> read, byte[] body)
    {
        try
        {
            return read(body);
        }
        catch (InvalidProviderResponseException)
        {
            return null;
        }
    }

    // Records print their fields, but lists only their type: compare the lists' items too.
    private static string Describe(object? reply) => reply switch
    {
        null => "refused",
        _ => reply + string.Concat(reply.GetType().GetProperties()
            .Select(p => p.GetValue(reply))
            .OfType<System.Collections.IEnumerable>()
            .Where(v => v is not string)
            .SelectMany(v => v.Cast<object>())
            .Select(item => " " + item)),
    };

    [GeneratedRegex("[0-9]{7}")]
    private static partial Regex SevenDigits();
}
