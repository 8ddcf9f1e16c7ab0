namespace DaoPlatform.Training.Data;

/// <summary>A deterministic, seeded partition of a <see cref="DigitSet"/> into a training part and a held-out part.</summary>
/// <param name="Train">The records the network is trained and its quantization calibrated on.</param>
/// <param name="HeldOut">The records accuracy is reported on; none of them is in <paramref name="Train"/>.</param>
public sealed record DigitSplit(DigitSet Train, DigitSet HeldOut)
{
    /// <summary>
    /// Shuffles the record indices with <see cref="Random"/> seeded by <paramref name="seed"/> (Fisher–Yates) and holds out
    /// the first <c>round(Count · heldOutFraction)</c> of them; the same set, fraction and seed always give the same split.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not inside (0, 1), or it leaves no record to hold out or
    /// none to train on.</exception>
    public static DigitSplit Create(DigitSet digits, double heldOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "the held-out fraction must be inside (0, 1)");
        }
        int heldOut = (int)Math.Round(digits.Count * heldOutFraction, MidpointRounding.AwayFromZero);
        if (heldOut < 1 || heldOut >= digits.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(heldOutFraction), heldOutFraction,
                $"holding out {heldOut} of {digits.Count} records leaves {(heldOut < 1 ? "nothing to hold out" : "nothing to train on")}");
        }
        int[] order = Enumerable.Range(0, digits.Count).ToArray();
        new Random(seed).Shuffle(order);
        return new DigitSplit(digits.Select(order.AsSpan(heldOut)), digits.Select(order.AsSpan(0, heldOut)));
    }
}
