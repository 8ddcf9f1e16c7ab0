using System.Globalization;

namespace DaoPlatform.Evaluation;

/// <summary>
/// A model, dataset or input that docs/evaluation.md rejects. <see cref="ErrorName"/> and <see cref="Args"/> are
/// those of the Solidity custom errors of <c>QuantizedMlp</c> and of the JS reference's <c>EvaluationError</c>
/// (<c>scripts/lib/evaluation.mjs</c>), so every implementation reports the same first error: for example
/// <c>ModelTooShort(length, 5)</c> or <c>ModelAccumulatorOverflow(l, j, worstCase)</c>. Numeric arguments are
/// <see cref="long"/>; byte strings (a bad magic, a hash) are 0x-prefixed lower-case hex <see cref="string"/>s.
/// </summary>
public sealed class EvaluationException : Exception
{
    /// <summary>Creates the error <c>name(args)</c>; the message reads <c>name(arg, ...): detail</c>.</summary>
    public EvaluationException(string errorName, IReadOnlyList<object> args, string detail)
        : base($"{errorName}({string.Join(", ", args.Select(Format))}): {detail}")
    {
        ErrorName = errorName;
        Args = args;
    }

    /// <summary>The error's name as in the spec's tables (docs/evaluation.md §3.3, §3.4, §4, §6).</summary>
    public string ErrorName { get; }

    /// <summary>The error's arguments, in the spec's order.</summary>
    public IReadOnlyList<object> Args { get; }

    private static string Format(object arg) => Convert.ToString(arg, CultureInfo.InvariantCulture) ?? "";
}
