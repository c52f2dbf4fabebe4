using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KenyaSms.AspNetCore;

/// <summary>
/// What <see cref="IDeliveryReportStore"/> keeps for one message, as text: <c>1|step|keys|claim|claimExpires</c>.
/// "Handled" is the step and the raw keys the handler has finished; "in progress" is a claim (a random id and the
/// Unix time in milliseconds when it lapses) taken by the server running the handler. Only handled reports are
/// acknowledged as duplicates; a claim that lapses (its server died) lets the provider's retry through.
/// </summary>
internal sealed class DeliveryReportRecord
{
    public static readonly DeliveryReportRecord Empty = new(DeliveryStep.None, [], null, 0);

    private const string Version = "1";

    // Distinct raw statuses remembered within one step; a ninth forgets the oldest, which could then be handled twice.
    private const int MaxKeys = 8;

    private const int KeyBytes = 8;

    private readonly string[] _keys;

    private DeliveryReportRecord(DeliveryStep handled, string[] keys, string? claim, long claimExpires)
    {
        Handled = handled;
        _keys = keys;
        Claim = claim;
        ClaimExpires = claimExpires;
    }

    public DeliveryStep Handled { get; }

    public IReadOnlyList<string> Keys => _keys;

    public string? Claim { get; }

    public long ClaimExpires { get; }

    /// <summary>A short hash of the report's raw status and description: the same report sent again has the same key.</summary>
    public static string KeyOf(DeliveryReport report)
    {
        string raw = report.ProviderStatus + "\n" + (report.ProviderDescription ?? "\u0001");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(raw), hash);
        return Convert.ToHexString(hash[..KeyBytes]);
    }

    /// <summary>Reads a stored record; none, or one this version cannot read, is <see cref="Empty"/> (its reports reach the handler again).</summary>
    public static DeliveryReportRecord Parse(string? text)
    {
        string[] parts = text?.Split('|') ?? [];
        if (parts.Length != 5
            || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int step)
            || !Enum.IsDefined((DeliveryStep)step)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out long claimExpires))
        {
            return Empty;
        }

        string[] keys = parts[2].Length == 0 ? [] : parts[2].Split(',');
        return new DeliveryReportRecord((DeliveryStep)step, keys, parts[3].Length == 0 ? null : parts[3], claimExpires);
    }

    public bool IsNew(DeliveryStep step, DeliveryStatus status, string key) => DeliveryStatusOrder.IsNew(Handled, Keys, step, status, key);

    public bool IsClaimed(DateTimeOffset now) => Claim is not null && now.ToUnixTimeMilliseconds() < ClaimExpires;

    public DeliveryReportRecord Claimed(string claim, DateTimeOffset until) => new(Handled, _keys, claim, until.ToUnixTimeMilliseconds());

    public DeliveryReportRecord Released() => new(Handled, _keys, null, 0);

    /// <summary>This record after the handler finished a report at <paramref name="step"/>, unclaimed.</summary>
    public DeliveryReportRecord HandledAs(DeliveryStep step, string key) =>
        new(step, step == Handled ? [.. _keys.Where(k => k != key).TakeLast(MaxKeys - 1), key] : [key], null, 0);

    public override string ToString() =>
        string.Join('|', Version, ((int)Handled).ToString(CultureInfo.InvariantCulture), string.Join(',', _keys), Claim, ClaimExpires.ToString(CultureInfo.InvariantCulture));
}
