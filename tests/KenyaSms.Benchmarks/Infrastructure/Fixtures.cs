namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>The reference docs' response bodies (tests/KenyaSms.Tests/Fixtures, copied beside the benchmark assembly).</summary>
public static class Fixtures
{
    public static byte[] SynqtelSendSms { get; } = Read("Synqtel/sendsms-success.json");

    public static byte[] QserveSendSms { get; } = Read("Qserve/sendsms-success.json");

    // The reference's recorded one-recipient answer (HTTP 201).
    public static byte[] AfricasTalkingSend { get; } = Read("AfricasTalking/messaging-recorded-one.json");

    private static byte[] Read(string relative) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", relative));
}
