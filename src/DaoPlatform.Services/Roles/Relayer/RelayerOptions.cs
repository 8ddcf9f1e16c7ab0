using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>The relayer's settings (configuration section <c>Relayer</c>); <c>Node:Governor</c> names the governor.</summary>
public sealed class RelayerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Relayer";

    /// <summary>
    /// The folder of signed ballot and delegation files (<c>daoplatform dao vote --sign-to FILE</c>, <c>dao delegate --sign-to FILE</c>, <c>*.json</c>); relayed files move to
    /// its <c>relayed/</c> subfolder, refused ones to <c>rejected/</c> with a <c>.reason</c> file beside them. Required with the role.
    /// </summary>
    public string? Inbox { get; set; }

    /// <summary>The gas units the relayer may spend per UTC day (counted from receipts); past it, ballots wait for midnight. 5,000,000 by default.</summary>
    [Range(1, ulong.MaxValue)]
    public ulong DailyGasBudget { get; set; } = 5_000_000;
}
