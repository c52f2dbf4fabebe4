using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;

namespace KenyaSms.Benchmarks.Text;

/// <summary>SmsSegmentation.Analyze against a HashSet + StringBuilder implementation.</summary>
[MemoryDiagnoser]
public class SmsSegmentationBenchmarks
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        // An OTP: one GSM-7 segment.
        ["ShortGsm7"] = SampleMessages.Otp,

        // A campaign text: 3 GSM-7 segments, with extension characters (€ [ ] ~) that cost 2 septets.
        ["LongGsm7"] =
            "Habari Wanjiru! The Wanjiru Stores mid-year sale starts on Saturday 1 June at all 14 branches in Nairobi, Mombasa, Kisumu and Nakuru. "
            + "Save up to 40% on cooking oil, flour, rice and sugar, and get double points on every purchase over KES 2,000 [members only]. "
            + "Bring this SMS to the till for a free 2 kg packet of unga with any purchase over KES 5,000 (one per customer, while stocks last) ~ "
            + "prices in €? No, in shillings! Reply STOP to 21212 to opt out.",

        // A notification with emoji: UCS-2, 2 segments, surrogate pairs that must not be split.
        ["Ucs2Emoji"] =
            "Habari Achieng 👋🏾! Your order #4821 is on its way 🚚 and will arrive today between 2 and 4 pm. "
            + "Asante for shopping with us 🙏 Reply HELP for support.",
    };

    private string _text = string.Empty;

    [Params("ShortGsm7", "LongGsm7", "Ucs2Emoji")]
    public string Text { get; set; } = "ShortGsm7";

    [GlobalSetup]
    public void CheckSameAnswers()
    {
        _text = Texts[Text];
        SmsSegmentInfo sdk = SmsSegmentation.Analyze(_text);
        SmsSegmentInfo naive = NaiveSegmenter.Analyze(_text);
        if (sdk != naive)
        {
            throw new InvalidOperationException($"The baseline and the SDK disagree on {Text}: {naive} vs {sdk}.");
        }
    }

    [Benchmark(Baseline = true, Description = "HashSet + StringBuilder (baseline)")]
    public SmsSegmentInfo Naive() => NaiveSegmenter.Analyze(_text);

    [Benchmark(Description = "SmsSegmentation.Analyze")]
    public SmsSegmentInfo Analyze() => SmsSegmentation.Analyze(_text);
}
