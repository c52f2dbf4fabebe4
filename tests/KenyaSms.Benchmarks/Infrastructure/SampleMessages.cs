using System.Globalization;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>The texts and campaigns the benchmarks send.</summary>
public static class SampleMessages
{
    /// <summary>An OTP: one GSM-7 segment.</summary>
    public const string Otp = "Your KenyaSms code is 482913. It expires in 10 minutes. Do not share it with anyone.";

    private static readonly string[] Names = ["Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Mutua", "Chebet", "Kiprop"];

    /// <summary>
    /// A personalised campaign, produced lazily: message i goes to +254 7xx xxx xxx number 700000000 + i
    /// (distinct, valid Safaricom ranges) with its own text (one GSM-7 segment).
    /// </summary>
    public static IEnumerable<SmsMessage> Campaign(int count)
    {
        for (int i = 0; i < count; i++)
        {
            string number = "+254" + (700_000_000 + i).ToString(CultureInfo.InvariantCulture);
            string text = string.Create(CultureInfo.InvariantCulture,
                $"Habari {Names[i % Names.Length]}, your Wanjiru Stores points balance is {i % 5000} as of 1 June. Redeem before 30 June. Reply STOP to opt out.");
            yield return new SmsMessage(number, text);
        }
    }
}
