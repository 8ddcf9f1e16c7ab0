using System.Globalization;
using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Platform.Units;

/// <summary>Parses user-typed values, naming what was expected and quoting what was given when they are malformed.</summary>
public static class InputParsing
{
    /// <summary>Parses a 0x-prefixed 20-byte address (an EIP-55 checksum is checked when mixed case).</summary>
    public static Address ParseAddress(string text, string what = "address")
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Address.Parse(text.Trim());
        }
        catch (FormatException e)
        {
            throw PlatformException.BadInput($"{what} '{text}' is not an address: {e.Message}", e);
        }
    }

    /// <summary>Parses a non-negative decimal integer (an id, a share count).</summary>
    public static BigInteger ParseInteger(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            throw PlatformException.BadInput($"{what} '{text}' is not a non-negative whole number");
        }
        return BigInteger.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses 0x-prefixed hex bytes.</summary>
    public static byte[] ParseHex(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return HexConvert.Decode(text.Trim());
        }
        catch (FormatException e)
        {
            throw PlatformException.BadInput($"{what} '{Shorten(text)}' is not 0x-prefixed hex: {e.Message}", e);
        }
    }

    /// <summary>Parses a 32-byte 0x-prefixed hex value.</summary>
    public static byte[] ParseBytes32(string text, string what)
    {
        byte[] bytes = ParseHex(text, what);
        return bytes.Length == 32 ? bytes : throw PlatformException.BadInput($"{what} '{Shorten(text)}' has {bytes.Length} bytes, not 32");
    }

    private static string Shorten(string text) => text.Length > 24 ? text[..24] + "…" : text;
}
