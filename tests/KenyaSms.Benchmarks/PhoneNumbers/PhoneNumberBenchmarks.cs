using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Baselines;

namespace KenyaSms.Benchmarks.PhoneNumbers;

/// <summary>PhoneNumber.TryParse over the forms people type, against a Regex + string.Replace normaliser.</summary>
[MemoryDiagnoser]
public class PhoneNumberBenchmarks
{
    private const int InputCount = 16;

    // A contact list as it arrives: mostly valid in every common form, a few that are not Kenyan mobiles.
    private static readonly string[] Inputs =
    [
        "0722123456", "0722 123 456", "+254722123456", "254722123456",
        "+254 722 123 456", "0712-345-678", "722123456", "00254722123456",
        "+254 (0) 733 123 456", "(0110) 123-456", " 0799.123.456 ", "0100 123 456",
        "0722 12345", "+255722123456", "020 2123456", "07221234567",
    ];

    [GlobalSetup]
    public void CheckSameVerdicts()
    {
        if (Inputs.Length != InputCount)
        {
            throw new InvalidOperationException("InputCount must match Inputs.");
        }

        foreach (string input in Inputs)
        {
            bool sdk = PhoneNumber.TryParse(input, out PhoneNumber number);
            bool handWritten = HandWrittenPhoneNormaliser.TryNormalise(input, out string? e164);
            bool tuned = HandWrittenPhoneNormaliser.TryNormaliseTuned(input, out string? tunedE164);
            if (sdk != handWritten || sdk != tuned || (sdk && (number.E164 != e164 || number.E164 != tunedE164)))
            {
                throw new InvalidOperationException($"The baselines and the SDK disagree on '{input}': {sdk}/{number.E164} vs {handWritten}/{e164} and {tuned}/{tunedE164}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = InputCount, Description = "Regex + Replace normaliser (baseline)")]
    public int HandWritten()
    {
        int valid = 0;
        foreach (string input in Inputs)
        {
            if (HandWrittenPhoneNormaliser.TryNormalise(input, out _))
            {
                valid++;
            }
        }

        return valid;
    }

    // Not the target's baseline: the same with string.Replace and a source-generated Regex.
    [Benchmark(OperationsPerInvoke = InputCount, Description = "Replace + [GeneratedRegex] normaliser")]
    public int HandWrittenTuned()
    {
        int valid = 0;
        foreach (string input in Inputs)
        {
            if (HandWrittenPhoneNormaliser.TryNormaliseTuned(input, out _))
            {
                valid++;
            }
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = InputCount, Description = "PhoneNumber.TryParse")]
    public int TryParse()
    {
        int valid = 0;
        foreach (string input in Inputs)
        {
            if (PhoneNumber.TryParse(input, out _))
            {
                valid++;
            }
        }

        return valid;
    }

    // Not a target: what it costs when the caller also wants the E.164 string, as the baseline gives.
    [Benchmark(OperationsPerInvoke = InputCount, Description = "PhoneNumber.TryParse + E164 string")]
    public int TryParseThenE164()
    {
        int length = 0;
        foreach (string input in Inputs)
        {
            if (PhoneNumber.TryParse(input, out PhoneNumber number))
            {
                length += number.E164.Length;
            }
        }

        return length;
    }
}
