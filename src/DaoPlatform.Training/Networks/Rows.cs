namespace DaoPlatform.Training.Networks;

/// <summary>Spreads independent rows of work over the cores when there is enough of it to pay for the threads.</summary>
internal static class Rows
{
    // Below about this many multiply-adds a batch runs faster on one thread than handed to the pool.
    private const long ParallelThreshold = 1 << 16;

    /// <summary>Runs <paramref name="body"/> for rows 0..count-1; <paramref name="workPerRow"/> (multiply-adds) decides
    /// whether to use several threads. Rows must not depend on each other.</summary>
    public static void For(int count, long workPerRow, Action<int> body)
    {
        if (count * workPerRow < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (int row = 0; row < count; row++)
            {
                body(row);
            }
            return;
        }
        Parallel.For(0, count, body);
    }
}
