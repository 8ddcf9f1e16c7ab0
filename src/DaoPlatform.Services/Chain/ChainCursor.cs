namespace DaoPlatform.Services.Chain;

/// <summary>The last block the follower processed: its number and hash (a changed hash at that number is a reorg).</summary>
public readonly record struct ChainCursor(ulong Number, string Hash);
