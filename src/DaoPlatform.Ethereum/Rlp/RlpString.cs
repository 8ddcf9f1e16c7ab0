using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Rlp;

/// <summary>An RLP byte string.</summary>
public sealed class RlpString : RlpItem
{
    private readonly byte[] _value;

    /// <summary>Creates a string holding a copy of <paramref name="value"/>.</summary>
    public RlpString(ReadOnlySpan<byte> value)
    {
        _value = value.ToArray();
    }

    /// <summary>The string's bytes.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <inheritdoc/>
    public override int EncodedLength => RlpWriter.LengthOfString(_value);

    /// <inheritdoc/>
    public override void WriteTo(ref RlpWriter writer) => writer.WriteString(_value);

    /// <inheritdoc/>
    public override bool Equals(RlpItem? other) => other is RlpString s && s.Value.SequenceEqual(Value);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => HexConvert.Encode(_value);
}
