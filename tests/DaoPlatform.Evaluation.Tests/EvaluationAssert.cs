namespace DaoPlatform.Evaluation.Tests;

/// <summary>Assertions on <see cref="EvaluationException"/>s.</summary>
internal static class EvaluationAssert
{
    /// <summary>
    /// Asserts that <paramref name="action"/> fails with the spec error <paramref name="name"/>(<paramref name="args"/>)
    /// and that the message names both; returns the exception.
    /// </summary>
    public static EvaluationException Throws(Action action, string name, params object[] args)
    {
        var error = Assert.Throws<EvaluationException>(() => action())!;
        Assert.That(error.ErrorName, Is.EqualTo(name));
        Assert.That(error.Args, Is.EqualTo(args));
        Assert.That(error.Message, Does.StartWith($"{name}({string.Join(", ", args)})"));
        return error;
    }
}
