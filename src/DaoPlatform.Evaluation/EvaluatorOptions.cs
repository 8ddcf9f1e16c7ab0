namespace DaoPlatform.Evaluation;

/// <summary>Settings of an <see cref="Evaluator"/>.</summary>
public sealed class EvaluatorOptions
{
    /// <summary>
    /// Bytes a batch may take: its inputs, its predictions and two int32 activation vectors of the model's widest
    /// layer per sample (what a back end holds at most between layers). Default 64 MiB: 2,000 samples of an
    /// 8 × 4096 model. A batch always has at least one sample.
    /// </summary>
    public long MemoryBudgetBytes { get; set; } = 64L << 20;
}
