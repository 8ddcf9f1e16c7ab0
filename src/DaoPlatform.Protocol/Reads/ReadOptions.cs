namespace DaoPlatform.Protocol.Reads;

/// <summary>How far back and in what steps the readers query event logs.</summary>
public sealed record ReadOptions
{
    /// <summary>The first block any log is looked for in: the platform's deployment block.</summary>
    public ulong StartBlock { get; init; }

    /// <summary>The most blocks one <c>eth_getLogs</c> request spans (public nodes cap it); at least 1.</summary>
    public ulong MaxLogRange { get; init; } = 2000;
}
