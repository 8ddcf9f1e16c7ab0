using System.Buffers;
using System.Text;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>string</c>: UTF-8 text laid out like <c>bytes</c>. Invalid UTF-8 is rejected on decode, lone surrogates on encode.</summary>
public sealed class AbiString : AbiType
{
    /// <summary>The one instance.</summary>
    public static readonly AbiString Instance = new();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private AbiString()
    {
    }

    /// <inheritdoc/>
    public override string Name => "string";

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override int GetEncodedSize(object? value) => AbiByteString.EncodedSize(ByteCount(AsString(value)));

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        string text = AsString(value);
        int length = ByteCount(text);
        AbiByteString.WriteLengthWord(destination, length);
        StrictUtf8.GetBytes(text, destination[AbiEncoder.WordSize..]);
        AbiByteString.ClearPadding(destination, length);
        return AbiByteString.EncodedSize(length);
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        int start = position;
        ReadOnlySpan<byte> bytes = AbiByteString.Read(data, ref position, Name);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new AbiException($"ABI decode: string at offset {start} is not valid UTF-8 (byte {e.Index} of its {bytes.Length}).", e);
        }
    }

    internal override void WriteIndexedEncoding(object? value, ArrayBufferWriter<byte> writer, bool nested)
    {
        string text = AsString(value);
        byte[] bytes = new byte[ByteCount(text)];
        StrictUtf8.GetBytes(text, bytes);
        AbiByteString.WriteIndexed(bytes, writer, nested);
    }

    private static string AsString(object? value) => value as string
        ?? throw new AbiException($"ABI encode: string expects a string; got {(value is null ? "null" : value.GetType().Name)}.");

    private static int ByteCount(string text)
    {
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new AbiException($"ABI encode: string has an unpaired surrogate at index {e.Index}; it has no UTF-8 encoding.", e);
        }
    }
}
