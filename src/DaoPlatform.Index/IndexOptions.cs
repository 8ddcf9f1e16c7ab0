using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Index;

/// <summary>Where the index keeps its data.</summary>
public enum IndexDatabase
{
    /// <summary>A SQLite file (<c>index.sqlite</c> in the data directory unless a connection string names another).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by the connection string.</summary>
    PostgreSql,
}

/// <summary>
/// What the index follows and where it stores it. Bound from the <c>Index</c> configuration section; the contract
/// addresses usually come from the deployment record (<c>deployments/&lt;network&gt;.json</c>).
/// </summary>
public sealed class IndexOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Index";

    /// <summary>The platform's contracts by their deployment-record names (<c>DaoGovernor</c>, <c>MultisigVault</c>, ...); a missing one is not followed.</summary>
    public Dictionary<string, Address> Contracts { get; } = new(StringComparer.Ordinal);

    /// <summary>The first block to index (the deployment block).</summary>
    public ulong StartBlock { get; set; }

    /// <summary>Blocks below the head before a block is indexed (0 on a devnet); reorgs deeper than this are still detected by hash.</summary>
    public ulong ConfirmationDepth { get; set; }

    /// <summary>The most blocks one <c>eth_getLogs</c> request covers (public nodes cap it).</summary>
    public ulong MaxLogRange { get; set; } = 2000;

    /// <summary>How often the head is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>SQLite (default) or PostgreSQL.</summary>
    public IndexDatabase Database { get; set; } = IndexDatabase.Sqlite;

    /// <summary>The connection string; for SQLite, when empty, <c>Data Source=&lt;DataDirectory&gt;/index.sqlite</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The data directory the SQLite file goes to by default.</summary>
    public string DataDirectory { get; set; } = ".";
}
