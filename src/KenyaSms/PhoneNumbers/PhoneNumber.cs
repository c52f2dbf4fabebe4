using KenyaSms.Internal;

namespace KenyaSms;

/// <summary>A valid Kenyan mobile number.</summary>
/// <remarks>
/// <para>
/// Parsing accepts the forms people type (<c>0722123456</c>, <c>722123456</c>, <c>254722123456</c>,
/// <c>+254722123456</c>, <c>00254722123456</c>, the <c>+2540722123456</c> trunk-zero slip), with spaces,
/// dashes, dots or parentheses as separators and surrounding whitespace. Only the ASCII digits
/// <c>0</c>-<c>9</c> are accepted: other Unicode digits (Arabic-Indic, full-width, ...) are rejected.
/// </para>
/// <para>
/// The number is stored as its 9-digit national significant number; <see cref="E164"/>,
/// <see cref="Msisdn"/> and <see cref="National"/> build a new string on each access.
/// <c>default(PhoneNumber)</c> is not a number: its string forms are empty and its
/// <see cref="Network"/> is <see cref="MobileNetwork.Unknown"/>.
/// </para>
/// </remarks>
public readonly struct PhoneNumber : IEquatable<PhoneNumber>
{
    private const int NsnLength = 9;

    // International prefix (2) + country code (3) + trunk-zero slip (1) + NSN (9).
    private const int MaxDigits = 15;

    // Longer inputs are cut in exception messages.
    private const int MaxQuotedLength = 64;

    // The 9-digit national significant number; 0 only in default(PhoneNumber), as valid NSNs start with 1 or 7.
    private readonly int _nsn;

    private PhoneNumber(int nsn) => _nsn = nsn;

    private enum ParseFailure
    {
        None,
        Empty,
        InvalidCharacter,
        MisplacedPlus,
        WrongLength,
        NotKenyan,
        NotMobileRange,
    }

    private static ReadOnlySpan<byte> CountryCode => [2, 5, 4];

    private static ReadOnlySpan<byte> InternationalPrefix => [0, 0];

    /// <summary>The number in E.164 form, e.g. <c>+254722123456</c>; empty for <c>default(PhoneNumber)</c>.</summary>
    public string E164 => Format("+254");

    /// <summary>The number as an MSISDN without the plus, e.g. <c>254722123456</c>; empty for <c>default(PhoneNumber)</c>.</summary>
    public string Msisdn => Format("254");

    /// <summary>The national form with the trunk zero, e.g. <c>0722123456</c>; empty for <c>default(PhoneNumber)</c>.</summary>
    public string National => Format("0");

    /// <summary>
    /// The operator the number's range was originally allocated to (numbers are portable, so not
    /// necessarily the current one); <see cref="MobileNetwork.Unknown"/> for <c>default(PhoneNumber)</c>.
    /// </summary>
    public MobileNetwork Network => KenyaPrefixTable.NetworkOf(_nsn / 1_000_000);

    /// <summary>Parses a Kenyan mobile number in any common typed form without allocating.</summary>
    /// <param name="value">The text.</param>
    /// <param name="number">The parsed number, or <c>default</c> when parsing fails.</param>
    /// <returns>True when <paramref name="value"/> is a valid Kenyan mobile number.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out PhoneNumber number)
    {
        bool valid = ParseCore(value, out int nsn) == ParseFailure.None;
        number = valid ? new PhoneNumber(nsn) : default;
        return valid;
    }

    /// <summary>Parses a Kenyan mobile number in any common typed form.</summary>
    /// <param name="value">The text; null is not valid.</param>
    /// <param name="number">The parsed number, or <c>default</c> when parsing fails.</param>
    /// <returns>True when <paramref name="value"/> is a valid Kenyan mobile number.</returns>
    public static bool TryParse(string? value, out PhoneNumber number) => TryParse(value.AsSpan(), out number);

    /// <summary>Parses a Kenyan mobile number in any common typed form.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="value"/> is not a valid Kenyan mobile number; the message quotes it (cut after
    /// 64 characters) and says why.
    /// </exception>
    public static PhoneNumber Parse(string value)
    {
        Throw.IfNull(value);
        ParseFailure failure = ParseCore(value, out int nsn);
        if (failure == ParseFailure.None)
        {
            return new PhoneNumber(nsn);
        }

        string reason = failure switch
        {
            ParseFailure.Empty => "it is empty",
            ParseFailure.InvalidCharacter => "contains a character that is not a digit or separator (only ASCII digits, spaces, dashes, dots, parentheses and a leading '+' are allowed)",
            ParseFailure.MisplacedPlus => "a '+' may only come once, before the digits",
            ParseFailure.WrongLength => "wrong number of digits",
            ParseFailure.NotKenyan => "the country code is not 254",
            _ => $"prefix {nsn / 1_000_000:D3} is not a mobile range",
        };
        string quoted = value.Length <= MaxQuotedLength ? value : StringFactory.Concat(value.AsSpan(0, MaxQuotedLength), "...".AsSpan());
        throw new FormatException($"'{quoted}' is not a Kenyan mobile number: {reason}.");
    }

    /// <inheritdoc/>
    public bool Equals(PhoneNumber other) => _nsn == other._nsn;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PhoneNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _nsn;

    /// <summary>The E.164 form.</summary>
    /// <returns><see cref="E164"/>.</returns>
    public override string ToString() => E164;

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(PhoneNumber left, PhoneNumber right) => left.Equals(right);

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(PhoneNumber left, PhoneNumber right) => !left.Equals(right);

    // Allocation-free; on NotMobileRange, nsn holds the 9 digits so that Parse can name the prefix.
    private static ParseFailure ParseCore(ReadOnlySpan<char> value, out int nsn)
    {
        nsn = 0;
        value = value.Trim();
        if (value.IsEmpty)
        {
            return ParseFailure.Empty;
        }

        Span<byte> buffer = stackalloc byte[MaxDigits];
        int count = 0;
        bool plus = false;
        foreach (char c in value)
        {
            if (AsciiChar.IsDigit(c))
            {
                if (count < MaxDigits)
                {
                    buffer[count] = (byte)(c - '0');
                }

                count++;
            }
            else if (c == '+')
            {
                if (plus || count > 0)
                {
                    return ParseFailure.MisplacedPlus;
                }

                plus = true;
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')'))
            {
                return ParseFailure.InvalidCharacter;
            }
        }

        if (count is 0 or > MaxDigits)
        {
            return ParseFailure.WrongLength;
        }

        ReadOnlySpan<byte> digits = buffer[..count];
        if (plus || digits.StartsWith(InternationalPrefix))
        {
            digits = digits[(plus ? 0 : InternationalPrefix.Length)..];
            if (!digits.StartsWith(CountryCode))
            {
                return ParseFailure.NotKenyan;
            }

            digits = digits[CountryCode.Length..];
        }
        else if (digits.Length > NsnLength + 1 && digits.StartsWith(CountryCode))
        {
            // No NSN starts with 2, so a long run of digits starting 254 carries the country code.
            digits = digits[CountryCode.Length..];
        }

        // The national trunk zero, or the same zero slipped in after the country code.
        if (digits.Length == NsnLength + 1 && digits[0] == 0)
        {
            digits = digits[1..];
        }

        if (digits.Length != NsnLength)
        {
            return ParseFailure.WrongLength;
        }

        foreach (byte d in digits)
        {
            nsn = (nsn * 10) + d;
        }

        return KenyaPrefixTable.NetworkOf(nsn / 1_000_000) == MobileNetwork.Unknown
            ? ParseFailure.NotMobileRange
            : ParseFailure.None;
    }

    private string Format(string lead)
    {
        if (_nsn == 0)
        {
            return string.Empty;
        }

        return StringFactory.Create(lead.Length + NsnLength, (lead, _nsn), static (span, state) =>
        {
            state.lead.AsSpan().CopyTo(span);
            int rest = state._nsn;
            for (int i = span.Length - 1; i >= state.lead.Length; i--)
            {
                span[i] = (char)('0' + (rest % 10));
                rest /= 10;
            }
        });
    }
}
