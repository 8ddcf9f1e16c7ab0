using System.Globalization;
using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Formats on-chain integers in the units people read: wei as ETH, token base units with their decimals, Unix
/// seconds as UTC dates, seconds as durations, basis points as percent. Exact: no rounding, no floating point.
/// </summary>
public static class UnitFormat
{
    /// <summary>Wei as ETH without trailing zeros, e.g. <c>1.5 ETH</c>, <c>0.000000001 ETH</c>.</summary>
    public static string Ether(BigInteger wei) => Decimal(wei, 18) + " ETH";

    /// <summary>Base units of a token with <paramref name="decimals"/> decimals, e.g. <c>250 tokens</c>.</summary>
    public static string Tokens(BigInteger units, int decimals = 18, string unit = "tokens") => Decimal(units, decimals) + " " + unit;

    /// <summary>
    /// <paramref name="units"/> / 10^<paramref name="decimals"/> written exactly, without trailing zeros.
    /// </summary>
    public static string Decimal(BigInteger units, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        BigInteger whole = BigInteger.DivRem(BigInteger.Abs(units), BigInteger.Pow(10, decimals), out BigInteger rest);
        string sign = units.Sign < 0 ? "-" : "";
        string integral = whole.ToString(CultureInfo.InvariantCulture);
        return rest.IsZero
            ? sign + integral
            : sign + integral + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
    }

    /// <summary>Unix seconds as a UTC date, e.g. <c>2026-12-07 11:27:51 UTC</c>; a value past year 9999 as plain seconds.</summary>
    public static string Timestamp(BigInteger unixSeconds) =>
        unixSeconds >= 0 && unixSeconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : unixSeconds.ToString(CultureInfo.InvariantCulture) + " (Unix seconds, past any date)";

    /// <summary>Seconds as a duration, e.g. <c>1d 2h 30m</c>, <c>45s</c>, <c>0s</c>.</summary>
    public static string Duration(BigInteger seconds)
    {
        if (seconds.Sign <= 0)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "s";
        }
        var parts = new List<string>(4);
        foreach ((int unit, string name) in new[] { (86_400, "d"), (3_600, "h"), (60, "m"), (1, "s") })
        {
            BigInteger count = BigInteger.DivRem(seconds, unit, out seconds);
            if (!count.IsZero)
            {
                parts.Add(count.ToString(CultureInfo.InvariantCulture) + name);
            }
        }
        return string.Join(' ', parts);
    }

    /// <summary>Basis points as percent, e.g. <c>1250</c> → <c>12.5 %</c>.</summary>
    public static string BasisPoints(BigInteger bps) => Decimal(bps, 2) + " %";
}
