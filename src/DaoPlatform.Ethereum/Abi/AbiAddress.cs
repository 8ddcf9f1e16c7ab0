using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>address</c>: 20 bytes right-aligned in one word. Values are <see cref="Address"/>.</summary>
public sealed class AbiAddress : AbiType
{
    /// <summary>The one instance.</summary>
    public static readonly AbiAddress Instance = new();

    private AbiAddress()
    {
    }

    /// <inheritdoc/>
    public override string Name => "address";

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override bool IsHashedWhenIndexed => false;

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        if (value is not Address address)
        {
            throw new AbiException($"ABI encode: address expects an Address; got {(value is null ? "null" : value.GetType().Name)}.");
        }
        AbiEncoder.WriteAddress(destination, address);
        return AbiEncoder.WordSize;
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        Address value = AbiDecoder.ReadAddress(data, position);
        position += AbiEncoder.WordSize;
        return value;
    }
}
