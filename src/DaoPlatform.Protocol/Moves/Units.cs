using System.Globalization;
using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>Amounts and times as a person reads them in a move's summary.</summary>
public static class Units
{
    /// <summary>10^18: base units per whole ETH or platform token (18 decimals).</summary>
    public static readonly BigInteger OneUnit = BigInteger.Pow(10, 18);

    /// <summary>Base units as whole units with up to 18 decimals, without trailing zeros (<c>1.5</c>).</summary>
    public static string FormatUnits(BigInteger amount)
    {
        BigInteger whole = BigInteger.DivRem(BigInteger.Abs(amount), OneUnit, out BigInteger rest);
        string sign = amount.Sign < 0 ? "-" : "";
        if (rest.IsZero)
        {
            return sign + whole.ToString(CultureInfo.InvariantCulture);
        }
        string fraction = rest.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        return $"{sign}{whole.ToString(CultureInfo.InvariantCulture)}.{fraction}";
    }

    /// <summary>Wei as ETH: <c>5 ETH</c>, <c>0.1 ETH</c>.</summary>
    public static string Ether(BigInteger wei) => FormatUnits(wei) + " ETH";

    /// <summary>An amount of <paramref name="token"/> (18 decimals), or of ETH when the token is the zero address.</summary>
    public static string Amount(BigInteger amount, Address token) =>
        token == Address.Zero ? Ether(amount) : $"{FormatUnits(amount)} of token {token}";

    /// <summary>A unix time (seconds) as a UTC date: <c>2026-12-07 11:00:00 UTC</c>.</summary>
    public static string Date(BigInteger unixSeconds) =>
        unixSeconds >= 0 && unixSeconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : $"unix time {unixSeconds}";

    /// <summary>A duration in seconds as days, hours, minutes and seconds (<c>1 d 2 h</c>).</summary>
    public static string Duration(BigInteger seconds)
    {
        if (seconds.Sign < 0 || seconds > ulong.MaxValue)
        {
            return $"{seconds} s";
        }
        var span = TimeSpan.FromSeconds((double)(ulong)seconds);
        var parts = new List<string>(4);
        if ((int)span.TotalDays > 0)
        {
            parts.Add($"{(int)span.TotalDays} d");
        }
        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }
        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes} min");
        }
        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{span.Seconds} s");
        }
        return string.Join(' ', parts);
    }
}
