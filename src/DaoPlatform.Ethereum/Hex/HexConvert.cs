using System.Buffers;

namespace DaoPlatform.Ethereum.Hex;

/// <summary>
/// Hex as Ethereum writes it: <c>0x</c>-prefixed, two digits per byte, either case on input,
/// lower case on output. Malformed input is rejected with the offending position, never guessed.
/// </summary>
public static class HexConvert
{
    private static ReadOnlySpan<byte> LowerDigits => "0123456789abcdef"u8;

    /// <summary>Encodes bytes as <c>0x</c>-prefixed lower-case hex.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        int length = bytes.Length * 2 + (prefix ? 2 : 0);
        if (length <= 512)
        {
            Span<char> buffer = stackalloc char[length];
            Write(bytes, buffer, prefix);
            return new string(buffer);
        }
        char[] rented = ArrayPool<char>.Shared.Rent(length);
        try
        {
            Write(bytes, rented.AsSpan(0, length), prefix);
            return new string(rented, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> as hex into <paramref name="destination"/>, which must be exactly large enough.</summary>
    public static void Write(ReadOnlySpan<byte> bytes, Span<char> destination, bool prefix = true)
    {
        int offset = 0;
        if (prefix)
        {
            destination[0] = '0';
            destination[1] = 'x';
            offset = 2;
        }
        for (int i = 0; i < bytes.Length; i++)
        {
            destination[offset + 2 * i] = (char)LowerDigits[bytes[i] >> 4];
            destination[offset + 2 * i + 1] = (char)LowerDigits[bytes[i] & 0xF];
        }
    }

    /// <summary>
    /// Decodes hex with or without the <c>0x</c> prefix. Throws <see cref="FormatException"/> for an odd
    /// number of digits or a non-hex character, naming its position.
    /// </summary>
    public static byte[] Decode(ReadOnlySpan<char> hex)
    {
        ReadOnlySpan<char> digits = StripPrefix(hex);
        if (digits.Length % 2 != 0)
        {
            throw new FormatException($"Hex string has an odd number of digits ({digits.Length}).");
        }
        byte[] result = new byte[digits.Length / 2];
        DecodeInto(hex, result);
        return result;
    }

    /// <summary>Decodes hex into <paramref name="destination"/>, which must be exactly the decoded length.</summary>
    public static void DecodeInto(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        int prefixLength = hex.Length - StripPrefix(hex).Length;
        ReadOnlySpan<char> digits = hex[prefixLength..];
        if (digits.Length != destination.Length * 2)
        {
            throw new FormatException($"Hex string has {digits.Length} digits; expected {destination.Length * 2} for {destination.Length} bytes.");
        }
        for (int i = 0; i < destination.Length; i++)
        {
            int high = DigitValue(digits[2 * i], prefixLength + 2 * i);
            int low = DigitValue(digits[2 * i + 1], prefixLength + 2 * i + 1);
            destination[i] = (byte)((high << 4) | low);
        }
    }

    /// <summary>True when <paramref name="hex"/> is a well-formed even-length hex string (prefix optional).</summary>
    public static bool IsHex(ReadOnlySpan<char> hex)
    {
        ReadOnlySpan<char> digits = StripPrefix(hex);
        if (digits.Length % 2 != 0)
        {
            return false;
        }
        foreach (char c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    internal static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> hex) =>
        hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? hex[2..] : hex;

    private static int DigitValue(char c, int position) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException($"Invalid hex character '{c}' at position {position}."),
    };
}
