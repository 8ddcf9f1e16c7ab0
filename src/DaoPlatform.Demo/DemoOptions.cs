namespace DaoPlatform.Demo;

/// <summary>How big the demo runs: the full story for <c>./scripts/demo</c>, a reduced one for the test suite.</summary>
public sealed record DemoOptions
{
    /// <summary>Digits of each class loaded for training (1,000 each in the package; fewer trains faster).</summary>
    public int MaxPerDigit { get; init; } = 1_000;

    /// <summary>Hidden test samples the task commits to (taken from the digits no trainer trained on).</summary>
    public int TestSetSize { get; init; } = 256;

    /// <summary>The task's baseline: the fewest correct test samples a model needs to be paid (default: half the test set).</summary>
    public int? MinScore { get; init; }

    /// <summary>The three trainers' networks: hidden sizes and epochs.</summary>
    public IReadOnlyList<(string Hidden, int Epochs)> Trainers { get; init; } = [("16", 1), ("32", 3), ("64,32", 6)];

    /// <summary>Whether the demo ends by serving the hub over its devnet until Ctrl+C (on a terminal, unless <c>--no-serve</c>).</summary>
    public bool Serve { get; init; }

    /// <summary>
    /// A check to run against the served hub instead of serving until Ctrl+C (the test suite's: sign in to the served
    /// demo and download dora's dataset); the hub stops when it returns. Null: serve as <see cref="Serve"/> says.
    /// </summary>
    public Func<ServedDemo, CancellationToken, Task>? WhileServing { get; init; }

    /// <summary>The reduced form the test suite runs: a small test set, few digits, two epochs each.</summary>
    public static DemoOptions Reduced { get; } = new() { MaxPerDigit = 100, TestSetSize = 32, MinScore = 4, Trainers = [("8", 2), ("16", 2), ("16,8", 2)] };
}
