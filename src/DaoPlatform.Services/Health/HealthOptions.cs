using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Health;

/// <summary>
/// What the health report checks (configuration section <c>Health</c>). The report is served at
/// <see cref="NodeOptions.HealthUrl"/>; it is 200 only when the chain node answers in time with a fresh head, the
/// job storage answers, and the follower's last tick succeeded.
/// </summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Health";

    /// <summary>How long the chain node may take to return its latest block before it counts as down (a frozen node answers nothing).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How old the latest block's timestamp may be before the chain counts as stalled. An OP-stack chain makes a
    /// block every 2 s; 1 minute by default. Ignored when <see cref="ChainIdle"/> is set.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxHeadAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The chain makes blocks only when there are transactions (a devnet), so an old head is no fault.</summary>
    public bool ChainIdle { get; set; }

    /// <summary>How long the job storage may take to answer before it counts as down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long the follower may go without a successful tick (beyond one <see cref="NodeOptions.PollInterval"/>)
    /// before the node counts as stuck; 2 minutes by default.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FollowerMaxSilence { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the node probes the chain node and the job storage in the background, logging each change (down, back).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);
}
