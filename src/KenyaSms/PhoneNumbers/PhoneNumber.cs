using KenyaSms.Json;

#if !NETSTANDARD2_0
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

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
/// Numbers pasted from phones, chat apps, spreadsheets and word processors parse too. Every Unicode space is a
/// separator (no-break U+00A0, narrow no-break U+202F, thin U+2009, ...), and so are the dashes those programs put
/// between digit groups (U+2010-U+2015, among them the non-breaking hyphen U+2011 and the en dash U+2013; the minus
/// sign U+2212; the soft hyphen U+00AD; the small and full-width hyphen-minus U+FE63, U+FF0D) and the invisible
/// formatting characters copying adds (zero-width space, non-joiner and joiner U+200B-U+200D, word joiner U+2060,
/// byte-order mark U+FEFF; the direction marks U+200E, U+200F, U+061C, embeddings U+202A-U+202C and isolates
/// U+2066-U+2069 that Android and WhatsApp wrap copied contacts in). They are skipped like spaces and never stand
/// for a digit or a '+'. The direction overrides U+202D and U+202E stay invalid: they reorder the digits on screen,
/// so the number shown is not the number held.
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

    // The ASCII separators, all below 64, as bits: what char.IsWhiteSpace accepts below 128 (\t \n \v \f \r and
    // space), then ( ) - . (Unicode whitespace above 127 is tested apart).
    private const ulong AsciiSeparators = (0x1FUL << '\t') | (1UL << ' ') | (1UL << '(') | (1UL << ')') | (1UL << '-') | (1UL << '.');

    // Scan<AsciiOnly> met a character above 127: not a result, Scan<AnySeparator> then reads the text again.
    private const ParseFailure NotAscii = (ParseFailure)(-1);

    // The separators of pasted numbers in U+2000-U+207F (beside the white space there, which char.IsWhiteSpace finds), as
    // bits of two words: U+200B-U+200F zero-width characters and marks, U+2010-U+2015 dashes, U+202A-U+202C embeddings
    // (not the overrides U+202D/U+202E); U+2060 word joiner, U+2066-U+2069 isolates.
    private const ulong PastedSeparators2000 = (0x1FUL << 0x0B) | (0x3FUL << 0x10) | (0x7UL << 0x2A);
    private const ulong PastedSeparators2040 = (1UL << 0x20) | (0xFUL << 0x26);

    // 10^0 to 10^15.
    private static readonly ulong[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
    ];

    // The 9-digit national significant number; 0 only in default(PhoneNumber), as valid NSNs start with 1 or 7.
    private readonly int _nsn;

    private PhoneNumber(int nsn) => _nsn = nsn;

    // Type arguments of Scan: what it does with characters above 127.
    private struct AsciiOnly;

    private struct AnySeparator;

    internal enum ParseFailure
    {
        None,
        Empty,
        InvalidCharacter,
        MisplacedPlus,
        WrongLength,
        NotKenyan,
        NotMobileRange,
    }

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
            ParseFailure.InvalidCharacter => "contains a character that is not a digit or separator (only ASCII digits, spaces, dashes, dots, parentheses, invisible formatting marks and a leading '+' are allowed)",
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

    // Allocation-free, one pass over the characters; on NotMobileRange, nsn holds the 9 digits so that Parse can name the prefix.
    internal static ParseFailure ParseCore(ReadOnlySpan<char> value, out int nsn)
    {
        nsn = 0;
#if !NETSTANDARD2_0
        if (TryReadPlainDigits(value, out ulong plain, out int length, out bool leadingPlus))
        {
            return Classify(plain, length, leadingPlus, out nsn);
        }
#endif

        // Non-ASCII input (a pasted number with a no-break space or a direction mark, say) is rare: read it again with
        // IsUnicodeSeparator, a call that in the first loop would cost every character a spilled register.
        ParseFailure failure = Scan<AsciiOnly>(value, out ulong digits, out int count, out bool plus);
        if (failure == NotAscii)
        {
            failure = Scan<AnySeparator>(value, out digits, out count, out plus);
        }

        if (failure != ParseFailure.None)
        {
            return failure;
        }

        if (count is 0 or > MaxDigits)
        {
            // Only separators: empty when all of them are whitespace.
            return count == 0 && !plus && value.Trim().IsEmpty ? ParseFailure.Empty : ParseFailure.WrongLength;
        }

        return Classify(digits, count, plus, out nsn);
    }

    // Collects the digits (as one number, wrapping past MaxDigits when the length is wrong anyway) and the
    // leading '+', and checks that every other character is a separator. With AsciiOnly, stops with NotAscii
    // at the first character above 127.
    private static ParseFailure Scan<TSeparators>(ReadOnlySpan<char> value, out ulong digits, out int count, out bool plus)
        where TSeparators : struct
    {
        ulong number = 0;
        int found = 0;
        bool signed = false;
        ParseFailure failure = ParseFailure.None;
        foreach (char c in value)
        {
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                number = unchecked((number * 10) + d);
                found++;
            }
            else if (c == '+')
            {
                if (signed || found > 0)
                {
                    failure = ParseFailure.MisplacedPlus;
                    break;
                }

                signed = true;
            }
            else if (c < 64 ? ((AsciiSeparators >> c) & 1) == 0 : c < 128 || (typeof(TSeparators) == typeof(AnySeparator) && !IsUnicodeSeparator(c)))
            {
                failure = ParseFailure.InvalidCharacter;
                break;
            }
            else if (c >= 128 && typeof(TSeparators) == typeof(AsciiOnly))
            {
                failure = NotAscii;
                break;
            }
        }

        digits = number;
        count = found;
        plus = signed;
        return failure;
    }

    // A separator above 127: white space, or a dash or invisible formatting character of a pasted number (see the remarks).
    private static bool IsUnicodeSeparator(char c)
    {
        uint offset = (uint)c - 0x2000;
        if (offset < 128)
        {
            ulong bits = offset < 64 ? PastedSeparators2000 : PastedSeparators2040;
            if (((bits >> (int)(offset & 63)) & 1) != 0)
            {
                return true;
            }
        }
        else if (c is '\u00AD' or '\u061C' or '\u2212' or '\uFE63' or '\uFF0D' or '\uFEFF')
        {
            return true;
        }

        return char.IsWhiteSpace(c);
    }

    // The digits (count of them, 1 to MaxDigits, as one number) after an optional '+': strips the prefixes and checks the range.
    private static ParseFailure Classify(ulong digits, int count, bool plus, out int nsn)
    {
        nsn = 0;

        // "Starts with 00": the number is below 10^(count - 2). "Starts with 254": it is in [254, 255) x 10^(rest).
        int length = count;
        if (plus || (length >= 2 && digits < Pow10[length - 2]))
        {
            length -= plus ? 0 : 2;
            if (!StripCountryCode(ref digits, ref length))
            {
                return ParseFailure.NotKenyan;
            }
        }
        else if (length > NsnLength + 1)
        {
            // No NSN starts with 2, so a long run of digits starting 254 carries the country code.
            StripCountryCode(ref digits, ref length);
        }

        // The national trunk zero, or the same zero slipped in after the country code.
        if (length == NsnLength + 1 && digits < Pow10[NsnLength])
        {
            length = NsnLength;
        }

        if (length != NsnLength)
        {
            return ParseFailure.WrongLength;
        }

        nsn = (int)digits;
        return KenyaPrefixTable.IsMobile(nsn / 1_000_000) ? ParseFailure.None : ParseFailure.NotMobileRange;
    }

#if !NETSTANDARD2_0
    // The common exact shapes (0722123456, 254722123456, +254722123456, ...): 8 to 15 ASCII digits after an
    // optional '+', checked with two overlapping vector loads and converted eight digits at a time. False
    // for anything else, which the character loop then reads.
    private static bool TryReadPlainDigits(ReadOnlySpan<char> value, out ulong digits, out int count, out bool plus)
    {
        plus = !value.IsEmpty && value[0] == '+';
        ReadOnlySpan<ushort> body = MemoryMarshal.Cast<char, ushort>(plus ? value[1..] : value);
        digits = 0;
        count = body.Length;
        if (count is < 8 or > MaxDigits || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        Vector128<ushort> zero = Vector128.Create((ushort)'0');
        Vector128<ushort> head = Vector128.Create(body) - zero;
        Vector128<ushort> tail = Vector128.Create(body[^8..]) - zero;
        if (!Vector128.LessThanAll(Vector128.Max(head, tail), Vector128.Create((ushort)10)))
        {
            return false;
        }

        // head holds digits 0-7, tail the last eight; the tail's first 16 - count of them are head's again.
        ulong first = Vector128.Narrow(head, head).AsUInt64().ToScalar();
        ulong last = Vector128.Narrow(tail, tail).AsUInt64().ToScalar() & ~(ulong.MaxValue >> (8 * (count - 8)));
        digits = (EightDigits(first) * Pow10[count - 8]) + EightDigits(last);
        return true;
    }

    // Eight digit values 0-9, one a byte, the first in the lowest byte, as one number (D. Lemire's SWAR method).
    private static ulong EightDigits(ulong bytes)
    {
        const ulong Mask = 0x000000FF000000FF;
        const ulong Mul1 = 100 + (1_000_000UL << 32);
        const ulong Mul2 = 1 + (10_000UL << 32);
        bytes = unchecked((bytes * 10) + (bytes >> 8));
        return unchecked((((bytes & Mask) * Mul1) + (((bytes >> 16) & Mask) * Mul2)) >> 32);
    }
#endif

    // Removes a leading 254 from the length-digit number; false (and no change) when it does not start with 254.
    private static bool StripCountryCode(ref ulong digits, ref int length)
    {
        if (length < 3)
        {
            return false;
        }

        ulong scale = Pow10[length - 3];
        ulong low = 254 * scale;
        if (digits < low || digits >= low + scale)
        {
            return false;
        }

        digits -= low;
        length -= 3;
        return true;
    }

    /// <summary>
    /// Writes the MSISDN (<c>254</c> and the nine national digits) as ASCII bytes at <paramref name="at"/>, without
    /// building a string; returns the next position. Nothing for the default value.
    /// </summary>
    internal int WriteMsisdnAscii(byte[] into, int at)
    {
        if (_nsn == 0)
        {
            return at;
        }

        into[at] = (byte)'2';
        into[at + 1] = (byte)'5';
        into[at + 2] = (byte)'4';
        int rest = _nsn;
        for (int i = at + 2 + NsnLength; i > at + 2; i--)
        {
            into[i] = (byte)('0' + (rest % 10));
            rest /= 10;
        }

        return at + 3 + NsnLength;
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
