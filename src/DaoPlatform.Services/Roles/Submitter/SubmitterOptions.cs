namespace DaoPlatform.Services.Roles.Submitter;

/// <summary>The submitter agent's hidden test sets (configuration section <c>Submitter</c>).</summary>
public sealed class SubmitterOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Submitter";

    /// <summary>DQD1 files; a task whose test-set root is one of theirs gets that file revealed.</summary>
    public IList<string> TestSets { get; } = [];
}
