using System.Buffers;
using System.Collections;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A tuple <c>(T1,...,Tn)</c> (a Solidity struct, or a function's parameter list). Values are lists of
/// component values in order; its encoding is <c>abi.encode</c> of the components.
/// </summary>
public sealed class AbiTuple : AbiType
{
    private readonly AbiParameter[] _components;
    private readonly int _contentHeadSize;

    /// <summary>Creates a tuple of named components.</summary>
    /// <exception cref="AbiException">The tuple's static size overflows.</exception>
    public AbiTuple(IEnumerable<AbiParameter> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        _components = [.. components];
        var name = new System.Text.StringBuilder("(");
        int headSize = 0;
        foreach (AbiParameter component in _components)
        {
            if (name.Length > 1)
            {
                name.Append(',');
            }
            name.Append(component.Type.Name);
            IsDynamic |= component.Type.IsDynamic;
            headSize = CheckedAdd(headSize, component.Type.HeadSize);
        }
        Name = name.Append(')').ToString();
        _contentHeadSize = headSize;
    }

    /// <summary>Creates a tuple of unnamed components.</summary>
    public AbiTuple(params AbiType[] types) : this(Unnamed(types))
    {
    }

    /// <summary>The components in order.</summary>
    public IReadOnlyList<AbiParameter> Components => _components;

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool IsDynamic { get; }

    /// <inheritdoc/>
    public override int HeadSize => IsDynamic ? AbiEncoder.WordSize : _contentHeadSize;

    /// <inheritdoc/>
    public override int GetEncodedSize(object? value)
    {
        if (!IsDynamic)
        {
            return _contentHeadSize;
        }
        IList values = Values(value);
        return AbiHeadTail.GetEncodedSize(new ComponentSequence(_components), values, _contentHeadSize);
    }

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination) =>
        AbiHeadTail.Encode(new ComponentSequence(_components), Values(value), destination, _contentHeadSize);

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position) => DecodeValues(data, ref position);

    /// <summary>Decodes the component values starting at <paramref name="position"/>, advancing it past them.</summary>
    public object?[] DecodeValues(ReadOnlySpan<byte> data, ref int position) =>
        AbiHeadTail.Decode(new ComponentSequence(_components), data, ref position, _contentHeadSize, Name);

    internal override void WriteIndexedEncoding(object? value, ArrayBufferWriter<byte> writer, bool nested) =>
        AbiHeadTail.WriteIndexed(new ComponentSequence(_components), Values(value), writer);

    internal override void AppendHumanReadable(System.Text.StringBuilder builder) =>
        AbiHumanReadable.AppendParameters(builder, _components);

    private IList Values(object? value)
    {
        IList values = AbiValueConverter.ToList(value, Name);
        AbiHeadTail.CheckCount(values, _components.Length, Name);
        return values;
    }

    private int CheckedAdd(int size, int more)
    {
        int sum = size + more;
        return sum >= size ? sum : throw new AbiException($"ABI type: a tuple's static size overflows at component {_components.Length}.");
    }

    private static IEnumerable<AbiParameter> Unnamed(AbiType[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var parameters = new AbiParameter[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            parameters[i] = new AbiParameter("", types[i]);
        }
        return parameters;
    }
}
