using System.Globalization;

namespace DaoPlatform.Platform.Units;

/// <summary>Chain times (Unix seconds) as people read them: a UTC date and how far it is from the chain's now.</summary>
public static class Times
{
    /// <summary><c>2026-12-08 12:00 UTC (in 23 hours 59 minutes)</c>, or "… (9 minutes ago)".</summary>
    public static string Describe(ulong unixSeconds, ulong now) => $"{Date(unixSeconds)} ({Relative(unixSeconds, now)})";

    /// <summary><c>2026-12-08 12:00:00 UTC</c>.</summary>
    public static string Date(ulong unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"in 9 minutes", "2 hours 5 minutes ago", "now".</summary>
    public static string Relative(ulong unixSeconds, ulong now)
    {
        if (unixSeconds == now)
        {
            return "now";
        }
        ulong span = unixSeconds > now ? unixSeconds - now : now - unixSeconds;
        string text = Span(span);
        return unixSeconds > now ? $"in {text}" : $"{text} ago";
    }

    private static string Span(ulong seconds)
    {
        if (seconds < 60)
        {
            return Unit(seconds, "second");
        }
        ulong days = seconds / 86_400, hours = seconds % 86_400 / 3600, minutes = seconds % 3600 / 60;
        return days > 0 ? Join(Unit(days, "day"), hours > 0 ? Unit(hours, "hour") : null)
            : hours > 0 ? Join(Unit(hours, "hour"), minutes > 0 ? Unit(minutes, "minute") : null)
            : Unit(minutes, "minute");
    }

    private static string Join(string a, string? b) => b is null ? a : $"{a} {b}";

    private static string Unit(ulong n, string unit) => $"{n.ToString(CultureInfo.InvariantCulture)} {unit}{(n == 1 ? "" : "s")}";
}
