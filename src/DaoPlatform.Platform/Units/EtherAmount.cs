using System.Globalization;
using System.Numerics;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Platform.Units;

/// <summary>
/// Amounts of an 18-decimal unit (ETH, the DAO token) written as people write them: <c>1.5</c> or <c>1.5eth</c>
/// (whole units), <c>20gwei</c>, <c>1000wei</c>. Parsing is exact (no floating point) and rejects more than
/// 18 decimals, signs and empty text with a message that quotes the text.
/// </summary>
public static class EtherAmount
{
    /// <summary>Base units (wei) per whole unit: 10^18.</summary>
    public static readonly BigInteger OneUnit = BigInteger.Pow(10, 18);

    /// <summary>Parses <paramref name="text"/> into base units (wei).</summary>
    /// <exception cref="PlatformException">The text is not a non-negative amount.</exception>
    public static BigInteger Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);
        int decimals = 18;
        foreach ((string suffix, int d) in new[] { ("gwei", 9), ("wei", 0), ("ether", 18), ("eth", 18), ("daop", 18) })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length].TrimEnd();
                decimals = d;
                break;
            }
        }

        // Scientific notation as cast takes it: 1e18wei, 1.5e3gwei (the exponent moves the decimal point).
        int exponentAt = t.IndexOf('e', StringComparison.Ordinal);
        if (exponentAt > 0)
        {
            if (!int.TryParse(t.AsSpan(exponentAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int exponent) || exponent > 77)
            {
                throw PlatformException.BadInput($"'{text}' is not an amount (examples: 1.5, 1ether, 20gwei, 1e18wei)");
            }
            t = t[..exponentAt];
            decimals += exponent;
        }
        string[] parts = t.Split('.');
        bool valid = parts.Length is 1 or 2 && parts[0].Length + (parts.Length == 2 ? parts[1].Length : 0) > 0
            && parts.All(p => p.All(char.IsAsciiDigit));
        if (!valid)
        {
            throw PlatformException.BadInput($"'{text}' is not an amount (examples: 1.5, 1ether, 20gwei, 1000wei, 1e18wei)");
        }
        string fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > decimals)
        {
            throw PlatformException.BadInput($"'{text}' has more decimals than the unit allows ({decimals})");
        }
        string digits = (parts[0] + fraction.PadRight(decimals, '0')).TrimStart('0');
        if (exponentAt > 0 && digits.Length > 0 && decimals > 18 + 18)
        {
            throw PlatformException.BadInput($"'{text}' is too large an amount");
        }
        return digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats base units as whole units with up to 18 decimals, without trailing zeros (<c>1.5</c>).</summary>
    public static string Format(BigInteger wei) => UnitFormat.Decimal(wei, 18);
}
