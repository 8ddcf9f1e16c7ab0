namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// For each tile of samples, the input groups (four inputs) that are non-zero in at least one of the tile's samples.
/// A group that is zero in every sample adds nothing to any sum (0 · w = 0), so the kernels skip it: blank image
/// borders and dead ReLU neurons cost no multiply-adds. Only for unsigned inputs taken as they are (not layer 0's
/// <c>x + 128</c>, which is never zero).
/// </summary>
internal static unsafe class ActiveGroups
{
    /// <summary>
    /// Writes tile t's active groups, ascending, to <c>lists[t · groups ..]</c> and their number to
    /// <c>counts[t]</c>, for <paramref name="rows"/> (a multiple of <paramref name="tile"/>) rows of activations.
    /// </summary>
    public static void Find(byte* input, int stride, int rows, int tile, int groups, int* lists, int* counts)
    {
        for (int t = 0; t < rows / tile; t++)
        {
            byte* x = input + (long)t * tile * stride;
            int* list = lists + (long)t * groups;
            int count = 0;
            for (int g = 0; g < groups; g++)
            {
                int any = 0;
                for (int s = 0; s < tile; s++)
                {
                    any |= *(int*)(x + (long)s * stride + g * 4);
                }
                list[count] = g;
                count += any != 0 ? 1 : 0;
            }
            counts[t] = count;
        }
    }

    /// <summary>Every group active in every tile: one shared list 0..groups − 1.</summary>
    public static void All(int rows, int tile, int groups, int* lists, int* counts)
    {
        for (int g = 0; g < groups; g++)
        {
            lists[g] = g;
        }
        for (int t = 0; t < rows / tile; t++)
        {
            counts[t] = groups;
        }
    }
}

/// <summary>The lists of <see cref="ActiveGroups"/>: tile t's list at <c>lists + t · stride</c> (stride 0: one shared list).</summary>
internal readonly unsafe struct ActiveGroupLists(int* lists, int stride, int* counts)
{
    public int* List(int tile) => lists + (long)tile * stride;

    public int Count(int tile) => counts[tile];
}
