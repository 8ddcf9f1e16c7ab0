using System.Globalization;

namespace DaoPlatform.Assets.Http;

/// <summary>
/// One HTTP byte range (RFC 9110 §14.1.2) resolved against a representation's length: <c>bytes=a-b</c>,
/// <c>bytes=a-</c> or the suffix <c>bytes=-n</c>. Several ranges in one request are refused rather than
/// answered as multipart: a download client asks for one range at a time.
/// </summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>Resolves a Range header value; false with a reason when it is malformed or unsatisfiable.</summary>
    public static bool TryResolve(string header, long total, out ByteRange range, out string error)
    {
        range = default;
        error = "";
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            error = $"the Range header '{header}' is not in bytes (bytes=first-last)";
            return false;
        }
        string spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            error = "one range per request: multipart ranges are not served";
            return false;
        }
        int dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            error = $"the range '{spec}' has no '-'";
            return false;
        }
        string first = spec[..dash];
        string last = spec[(dash + 1)..];
        if (first.Length == 0)
        {
            if (!TryNumber(last, out long suffix) || suffix == 0)
            {
                error = $"the suffix range '-{last}' is not a positive byte count";
                return false;
            }
            if (total == 0)
            {
                error = "the asset is empty: no range of it is satisfiable";
                return false;
            }
            long size = Math.Min(suffix, total);
            range = new ByteRange(total - size, size);
            return true;
        }
        if (!TryNumber(first, out long start) || (last.Length != 0 && !TryNumber(last, out _)))
        {
            error = $"the range '{spec}' is not first-last with decimal byte positions";
            return false;
        }
        long end = last.Length == 0 ? total - 1 : Math.Min(long.Parse(last, NumberStyles.None, CultureInfo.InvariantCulture), total - 1);
        if (last.Length != 0 && long.Parse(last, NumberStyles.None, CultureInfo.InvariantCulture) < start)
        {
            error = $"the range '{spec}' ends before it starts";
            return false;
        }
        if (start >= total)
        {
            error = $"the range starts at byte {start}, past the asset's {total} bytes";
            return false;
        }
        range = new ByteRange(start, end - start + 1);
        return true;
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
