namespace DaoPlatform.Services.Roles.Submitter;

/// <summary>The submitter agent's hidden test sets (configuration section <c>Submitter</c>).</summary>
public sealed class SubmitterOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Submitter";

    /// <summary>DQD1 files, put into the content store at first use; a task whose test-set root is one of theirs gets that set revealed.</summary>
    public IList<string> TestSets { get; } = [];

    /// <summary>CIDs of DQD1 test sets already in the content store (<c>task create</c> prints them); revealed from the store.</summary>
    public IList<string> TestSetCids { get; } = [];
}
