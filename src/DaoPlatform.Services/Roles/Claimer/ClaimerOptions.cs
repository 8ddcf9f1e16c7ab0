using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Roles.Claimer;

/// <summary>The claimer's settings (configuration section <c>Claimer</c>).</summary>
public sealed class ClaimerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Claimer";

    /// <summary>How many blocks apart the claimer looks at the credits (two reads per account, contract and token); 10 by default.</summary>
    [Range(1, 1_000_000)]
    public ulong EveryBlocks { get; set; } = 10;

    /// <summary>ERC-20 tokens to claim besides ETH and the tokens of the tasks the node followed (0x addresses).</summary>
    public string[] Tokens { get; set; } = [];
}
