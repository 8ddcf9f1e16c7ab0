using System.Buffers;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>bytes</c>: a dynamic byte string. Values are byte arrays (or <see cref="ReadOnlyMemory{T}"/> on encode).</summary>
public sealed class AbiBytes : AbiType
{
    /// <summary>The one instance.</summary>
    public static readonly AbiBytes Instance = new();

    private AbiBytes()
    {
    }

    /// <inheritdoc/>
    public override string Name => "bytes";

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override int GetEncodedSize(object? value) =>
        AbiByteString.EncodedSize(AbiValueConverter.ToBytes(value, Name).Length);

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        ReadOnlySpan<byte> bytes = AbiValueConverter.ToBytes(value, Name);
        AbiByteString.WriteLengthWord(destination, bytes.Length);
        bytes.CopyTo(destination[AbiEncoder.WordSize..]);
        AbiByteString.ClearPadding(destination, bytes.Length);
        return AbiByteString.EncodedSize(bytes.Length);
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position) =>
        AbiByteString.Read(data, ref position, Name).ToArray();

    internal override void WriteIndexedEncoding(object? value, ArrayBufferWriter<byte> writer, bool nested) =>
        AbiByteString.WriteIndexed(AbiValueConverter.ToBytes(value, Name), writer, nested);
}
