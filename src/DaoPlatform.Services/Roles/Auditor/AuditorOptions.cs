using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>The auditor's settings (configuration section <c>Auditor</c>).</summary>
public sealed class AuditorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Auditor";

    /// <summary>
    /// Chunks sampled of every committed large model (docs/training-tasks.md §8.5); 4 by default. Each chunk it cannot
    /// fetch and verify is challenged with a bond (about 0.001 ETH, returned unless the chunk is resolved).
    /// </summary>
    [Range(1, 64)]
    public int SampledChunks { get; set; } = 4;
}
