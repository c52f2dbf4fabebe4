namespace KenyaSms;

/// <summary>A valid Kenyan mobile number.</summary>
public readonly struct PhoneNumber : IEquatable<PhoneNumber>
{
    // STUB: filled in by the phone-number work.
    private readonly string? _msisdn;

    private PhoneNumber(string msisdn) => _msisdn = msisdn;

    /// <summary>The number in E.164 form, e.g. <c>+254722123456</c>.</summary>
    public string E164 => "+" + Msisdn;

    /// <summary>The number as an MSISDN without the plus, e.g. <c>254722123456</c>.</summary>
    public string Msisdn => _msisdn ?? string.Empty;

    /// <summary>The national form with the trunk zero, e.g. <c>0722123456</c>.</summary>
    public string National => "0" + Msisdn[3..];

    /// <summary>The operator the number's range was originally allocated to.</summary>
    public MobileNetwork Network => _msisdn is null ? MobileNetwork.Unknown : MobileNetwork.Safaricom;

    /// <summary>Parses a Kenyan mobile number in any common typed form without allocating on failure.</summary>
    /// <param name="value">The text.</param>
    /// <param name="number">The parsed number.</param>
    /// <returns>True when <paramref name="value"/> is a valid Kenyan mobile number.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, out PhoneNumber number)
    {
        string digits = new([.. value.ToArray().Where(char.IsAsciiDigit)]);
        if (digits.Length == 12 && digits.StartsWith("2547", StringComparison.Ordinal))
        {
            number = new PhoneNumber(digits);
            return true;
        }

        if (digits.Length == 10 && digits.StartsWith("07", StringComparison.Ordinal))
        {
            number = new PhoneNumber("254" + digits[1..]);
            return true;
        }

        number = default;
        return false;
    }

    /// <summary>Parses a Kenyan mobile number in any common typed form.</summary>
    /// <param name="value">The text; null is not valid.</param>
    /// <param name="number">The parsed number.</param>
    /// <returns>True when <paramref name="value"/> is a valid Kenyan mobile number.</returns>
    public static bool TryParse(string? value, out PhoneNumber number)
    {
        if (value is null)
        {
            number = default;
            return false;
        }

        return TryParse(value.AsSpan(), out number);
    }

    /// <summary>Parses a Kenyan mobile number in any common typed form.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException"><paramref name="value"/> is not a valid Kenyan mobile number.</exception>
    public static PhoneNumber Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out PhoneNumber n) ? n : throw new FormatException($"'{value}' is not a Kenyan mobile number.");
    }

    /// <inheritdoc/>
    public bool Equals(PhoneNumber other) => string.Equals(_msisdn, other._msisdn, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PhoneNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _msisdn is null ? 0 : StringComparer.Ordinal.GetHashCode(_msisdn);

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
}
