namespace DaoPlatform.Protocol.Rules;

/// <summary>A dispute that proves a posted result wrong (docs/training-tasks.md §3), cheapest kind first.</summary>
public abstract record Dispute
{
    /// <summary>The posted winner is not the first index of the highest posted score (or no winner below the baseline): <c>challengeWinner</c>.</summary>
    public sealed record Winner(int Posted, int Correct) : Dispute;

    /// <summary>Model <paramref name="Model"/>'s posted score is not the count of its posted predictions that match the labels: <c>challengeScore</c>.</summary>
    public sealed record Score(int Model, uint Posted, uint Correct) : Dispute;

    /// <summary>Model <paramref name="Model"/>'s posted prediction of sample <paramref name="Sample"/> is not what the model predicts: <c>challengePrediction</c>.</summary>
    public sealed record Prediction(int Model, int Sample, byte Posted, byte Correct) : Dispute;
}
