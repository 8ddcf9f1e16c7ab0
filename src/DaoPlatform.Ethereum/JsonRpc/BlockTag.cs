using System.Globalization;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// A block parameter: a block number or one of the tags <c>latest</c>, <c>pending</c>,
/// <c>earliest</c>, <c>safe</c>, <c>finalized</c>. The default value is <see cref="Latest"/>.
/// </summary>
public readonly record struct BlockTag
{
    private readonly string? _tag;
    private readonly ulong? _number;

    private BlockTag(string? tag, ulong? number)
    {
        _tag = tag;
        _number = number;
    }

    /// <summary>The most recent mined block.</summary>
    public static BlockTag Latest => default;

    /// <summary>The pending state, including transactions not yet mined.</summary>
    public static BlockTag Pending => new("pending", null);

    /// <summary>The genesis block.</summary>
    public static BlockTag Earliest => new("earliest", null);

    /// <summary>The latest safe head.</summary>
    public static BlockTag Safe => new("safe", null);

    /// <summary>The latest finalized block.</summary>
    public static BlockTag Finalized => new("finalized", null);

    /// <summary>The block with the given number.</summary>
    public static BlockTag Number(ulong number) => new(null, number);

    /// <summary>The block number when this is not a tag; otherwise null.</summary>
    public ulong? BlockNumber => _number;

    /// <summary>The JSON-RPC form: a tag name or a hex quantity.</summary>
    public override string ToString() =>
        _number is ulong n ? "0x" + n.ToString("x", CultureInfo.InvariantCulture) : _tag ?? "latest";
}
