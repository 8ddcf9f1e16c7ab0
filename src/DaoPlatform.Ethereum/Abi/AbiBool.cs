namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>bool</c>: one word holding 0 or 1; any other word is rejected on decode.</summary>
public sealed class AbiBool : AbiType
{
    /// <summary>The one instance.</summary>
    public static readonly AbiBool Instance = new();

    private AbiBool()
    {
    }

    /// <inheritdoc/>
    public override string Name => "bool";

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override bool IsHashedWhenIndexed => false;

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        if (value is not bool flag)
        {
            throw new AbiException($"ABI encode: bool expects a bool; got {(value is null ? "null" : value.GetType().Name)}.");
        }
        AbiEncoder.WriteBool(destination, flag);
        return AbiEncoder.WordSize;
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        bool value = AbiDecoder.ReadBool(data, position);
        position += AbiEncoder.WordSize;
        return value;
    }
}
