namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// One <c>TrainingTasks.publishModelChunk</c> call (docs/training-tasks.md §8): the rows
/// [<paramref name="FirstRow"/>, <paramref name="FirstRow"/> + 2^<paramref name="Height"/>) cut at the model's end,
/// concatenated in <paramref name="Rows"/>, and the siblings from their aligned subtree's root up to <c>rowsRoot</c>.
/// </summary>
public sealed record ModelChunk(int FirstRow, int Height, byte[] Rows, IReadOnlyList<byte[]> Proof);
