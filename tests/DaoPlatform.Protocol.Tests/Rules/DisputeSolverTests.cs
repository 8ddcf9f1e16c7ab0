using DaoPlatform.Protocol.Rules;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Protocol.Tests.Rules;

public sealed class DisputeSolverTests
{
    private static readonly byte[] Labels = [0, 1, 2, 1, 0, 2];

    private static TaskResult Honest()
    {
        byte[][] predictions = [[0, 1, 2, 2, 0, 1], [1, 1, 2, 1, 0, 2]];
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, Labels))];
        return new TaskResult(predictions, scores, TaskResult.WinnerOf(scores, 0));
    }

    [Test]
    public void The_honest_result_needs_no_dispute() => Assert.That(DisputeSolver.Solve(Honest(), Honest(), Labels, 0), Is.Null);

    [Test]
    public void A_winner_that_is_not_the_first_best_score_is_disputed_as_the_winner()
    {
        TaskResult honest = Honest();
        Assert.That(honest.Scores, Is.EqualTo(new uint[] { 4, 5 }));
        Assert.That(DisputeSolver.Solve(honest with { Winner = 0 }, honest, Labels, 0), Is.EqualTo(new Dispute.Winner(0, 1)));
    }

    [Test]
    public void A_winner_named_when_no_score_reaches_the_baseline_is_disputed_as_the_winner()
    {
        TaskResult honest = Honest();
        Assert.That(DisputeSolver.Solve(honest, honest, Labels, minScore: 6), Is.EqualTo(new Dispute.Winner(1, TaskResult.NoWinner)));
        Assert.That(DisputeSolver.Solve(honest with { Winner = TaskResult.NoWinner }, honest, Labels, minScore: 6), Is.Null);
    }

    [Test]
    public void A_score_that_is_not_the_count_of_matches_is_disputed_before_any_prediction()
    {
        TaskResult honest = Honest();
        byte[][] predictions = [honest.Predictions[0], [2, 2, 2, 2, 2, 2]];
        TaskResult posted = new(predictions, [4, 5], 1);
        Assert.That(DisputeSolver.Solve(posted, honest, Labels, 0), Is.EqualTo(new Dispute.Score(1, 5, 2)));
    }

    [Test]
    public void A_consistent_lie_is_disputed_at_its_first_wrong_prediction()
    {
        TaskResult honest = Honest();
        byte[][] predictions = [honest.Predictions[0], [1, 1, 2, 1, 0, 0]];
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, Labels))];
        TaskResult posted = new(predictions, scores, TaskResult.WinnerOf(scores, 0));
        Assert.That(DisputeSolver.Solve(posted, honest, Labels, 0), Is.EqualTo(new Dispute.Prediction(1, 5, 0, 2)));
    }

    [FsCheckProperty(MaxTest = 200)]
    public Property Any_result_other_than_the_honest_one_is_disputed(byte[] noise, int winner)
    {
        TaskResult honest = Honest();
        byte[][] predictions = [.. honest.Predictions.Select((p, m) => p.Select((x, i) => noise.Length == 0 ? x : (byte)((x + noise[(m * 6 + i) % noise.Length]) % 3)).ToArray())];
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, Labels))];
        var posted = new TaskResult(predictions, scores, Math.Abs(winner % 2));
        bool same = predictions.Zip(honest.Predictions).All(pair => pair.First.SequenceEqual(pair.Second)) && posted.Winner == honest.Winner;
        Dispute? dispute = DisputeSolver.Solve(posted, honest, Labels, 0);
        return (same ? dispute is null : dispute is not null).Label($"posted {string.Join("|", predictions.Select(Convert.ToHexString))} winner {posted.Winner}: {dispute}");
    }
}
