namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>bytes&lt;N&gt;</c>, N = 1..32: N bytes left-aligned in one word, zero-padded. Values are byte arrays of exactly N bytes.</summary>
public sealed class AbiFixedBytes : AbiType
{
    /// <summary><c>bytes32</c>.</summary>
    public static readonly AbiFixedBytes Bytes32 = new(32);

    /// <summary>Creates <c>bytes&lt;size&gt;</c>.</summary>
    /// <exception cref="AbiException"><paramref name="size"/> is not in 1..32.</exception>
    public AbiFixedBytes(int size)
    {
        if (size is < 1 or > 32)
        {
            throw new AbiException($"ABI type: bytes{size} is not a valid type; N must be from 1 to 32.");
        }
        Size = size;
        Name = "bytes" + size;
    }

    /// <summary>The length N in bytes.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override bool IsHashedWhenIndexed => false;

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        ReadOnlySpan<byte> bytes = AbiValueConverter.ToBytes(value, Name);
        if (bytes.Length != Size)
        {
            throw new AbiException($"ABI encode: {Name} expects exactly {Size} bytes; got {bytes.Length}.");
        }
        AbiEncoder.WriteFixedBytes(destination, bytes);
        return AbiEncoder.WordSize;
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        byte[] value = AbiDecoder.ReadFixedBytes(data, position, Size);
        position += AbiEncoder.WordSize;
        return value;
    }
}
