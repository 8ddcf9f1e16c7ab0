using System.Globalization;
using System.Numerics;
using DaoPlatform.Index;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Hub.Components;

/// <summary>How the pages write values for people: times in UTC, token amounts in whole units, durations in words.</summary>
internal static class Show
{
    public static string Time(ulong seconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)seconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Tokens(BigInteger units) => EtherAmount.Format(units);

    /// <summary>Votes (token base units) in whole tokens with thousands separators: "300,000" or "1,234.5".</summary>
    public static string Votes(BigInteger units)
    {
        string amount = EtherAmount.Format(units);
        int point = amount.IndexOf('.', StringComparison.Ordinal);
        string whole = point < 0 ? amount : amount[..point];
        return BigInteger.Parse(whole, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture) + (point < 0 ? "" : amount[point..]);
    }

    public static string Block(ulong number) => "block " + number.ToString(CultureInfo.InvariantCulture);

    public static string Duration(long seconds)
    {
        if (seconds <= 0)
        {
            return "now";
        }
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{span.Hours} h {span.Minutes} min"
            : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds} s"
            : $"{span.Seconds} s";
    }

    public static string Support(byte support) => support switch { 0 => "Against", 1 => "For", 2 => "Abstain", _ => $"support {support}" };

    public static string State(ProposalState state) => state.ToString();

    /// <summary>Quorum progress in percent (0-100), or null when the quorum is not known yet.</summary>
    public static int? QuorumPercent(ProposalView p) =>
        p.Quorum is { } q && q > 0 ? (int)BigInteger.Min(100, (p.For + p.Abstain) * 100 / q) : null;
}
