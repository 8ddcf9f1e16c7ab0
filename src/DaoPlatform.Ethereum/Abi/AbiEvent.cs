using System.Buffers;
using System.Text;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A contract event. Topic 0 is keccak256 of the canonical signature (absent when anonymous);
/// each indexed parameter is one more topic: value types as their ABI word, other types
/// (bytes, string, arrays, tuples) as keccak256 of their in-place encoding. The other
/// parameters are ABI-encoded, as a tuple, in the log data.
/// </summary>
public sealed class AbiEvent
{
    private readonly AbiParameter[] _inputs;
    private readonly AbiTuple _data;
    private readonly byte[] _topic0;

    /// <summary>Creates an event from its parts.</summary>
    /// <exception cref="AbiException">More parameters are indexed than a log has topics for.</exception>
    public AbiEvent(string name, IEnumerable<AbiParameter> inputs, bool anonymous = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _inputs = [.. inputs];
        Anonymous = anonymous;
        Signature = AbiSelector.Signature(name, _inputs);
        _topic0 = AbiSelector.Hash(Signature);
        var dataParameters = new List<AbiParameter>();
        foreach (AbiParameter input in _inputs)
        {
            if (input.Indexed)
            {
                IndexedCount++;
            }
            else
            {
                dataParameters.Add(input);
            }
        }
        int maxIndexed = anonymous ? 4 : 3;
        if (IndexedCount > maxIndexed)
        {
            throw new AbiException($"ABI event: {Signature} has {IndexedCount} indexed parameters; {(anonymous ? "an anonymous" : "an")} event allows at most {maxIndexed}.");
        }
        _data = new AbiTuple(dataParameters);
    }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>All parameters in declaration order, with <see cref="AbiParameter.Indexed"/> set on topics.</summary>
    public IReadOnlyList<AbiParameter> Inputs => _inputs;

    /// <summary>True when the log has no signature topic.</summary>
    public bool Anonymous { get; }

    /// <summary>The number of indexed parameters.</summary>
    public int IndexedCount { get; }

    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>keccak256 of the signature: topic 0 of a non-anonymous log.</summary>
    public ReadOnlySpan<byte> Topic0 => _topic0;

    /// <summary>Topic 0 as <c>0x</c>-prefixed hex.</summary>
    public string Topic0Hex => HexConvert.Encode(_topic0);

    /// <summary>Parses <c>event Transfer(address indexed from, address indexed to, uint256 value)</c>, optionally followed by <c>anonymous</c>.</summary>
    /// <exception cref="AbiException">The signature is malformed.</exception>
    public static AbiEvent Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        AbiSignature parsed = AbiSignatureParser.ParseSignature(signature);
        if (parsed.Keyword is not (null or "event"))
        {
            throw new AbiException($"ABI parse: '{signature}' declares {AbiSignatureParser.WithArticle(parsed.Keyword)}, not an event.");
        }
        bool anonymous = false;
        foreach (string modifier in parsed.Modifiers)
        {
            anonymous = modifier == "anonymous"
                ? true
                : throw new AbiException($"ABI parse: '{modifier}' is not an event modifier in '{signature}'.");
        }
        if (parsed.Outputs.Count > 0)
        {
            throw new AbiException($"ABI parse: event '{signature}' cannot have 'returns'.");
        }
        return new AbiEvent(parsed.Name, parsed.Inputs, anonymous);
    }

    /// <summary>The topic an indexed parameter holds for <paramref name="value"/>.</summary>
    /// <exception cref="AbiException">The parameter is not indexed or the value does not fit its type.</exception>
    public byte[] EncodeTopic(int parameterIndex, object? value)
    {
        AbiParameter parameter = _inputs[parameterIndex];
        if (!parameter.Indexed)
        {
            throw new AbiException($"ABI event: parameter {parameterIndex} ({parameter}) of {Signature} is not indexed.");
        }
        try
        {
            return EncodeTopic(parameter.Type, value);
        }
        catch (AbiException e)
        {
            e.PrependPath(Segment(parameterIndex));
            throw;
        }
    }

    /// <summary>
    /// Builds an <c>eth_getLogs</c> topic filter: topic 0 (unless anonymous), then one entry per indexed
    /// parameter in order, from <paramref name="indexedValues"/>; null, or a missing trailing value, matches anything.
    /// </summary>
    public byte[]?[] BuildTopicFilter(params object?[] indexedValues)
    {
        ArgumentNullException.ThrowIfNull(indexedValues);
        if (indexedValues.Length > IndexedCount)
        {
            throw new AbiException($"ABI event: {Signature} has {IndexedCount} indexed parameters; got {indexedValues.Length} filter values.");
        }
        int first = Anonymous ? 0 : 1;
        var topics = new byte[]?[first + IndexedCount];
        if (!Anonymous)
        {
            topics[0] = (byte[])_topic0.Clone();
        }
        int slot = 0;
        for (int i = 0; i < _inputs.Length && slot < indexedValues.Length; i++)
        {
            if (_inputs[i].Indexed)
            {
                object? value = indexedValues[slot];
                topics[first + slot] = value is null ? null : EncodeTopic(i, value);
                slot++;
            }
        }
        return topics;
    }

    /// <summary>Encodes a log of this event: its topics and its data.</summary>
    /// <exception cref="AbiException">The value count is wrong or a value does not fit its type.</exception>
    public (byte[][] Topics, byte[] Data) EncodeLog(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _inputs.Length)
        {
            throw new AbiException($"ABI encode: {Signature} takes {_inputs.Length} values; got {values.Length}.");
        }
        int first = Anonymous ? 0 : 1;
        var topics = new byte[first + IndexedCount][];
        if (!Anonymous)
        {
            topics[0] = (byte[])_topic0.Clone();
        }
        var dataValues = new object?[_inputs.Length - IndexedCount];
        int topic = first, data = 0;
        for (int i = 0; i < _inputs.Length; i++)
        {
            if (_inputs[i].Indexed)
            {
                topics[topic++] = EncodeTopic(i, values[i]);
            }
            else
            {
                dataValues[data++] = values[i];
            }
        }
        return (topics, _data.Encode(dataValues));
    }

    /// <summary>
    /// Decodes a log: checks topic 0 (unless anonymous) and the topic count, reads indexed values from the
    /// topics (hashed types come back as <see cref="AbiIndexedHash"/>) and the rest from <paramref name="data"/>.
    /// </summary>
    /// <exception cref="AbiException">The topics or data do not match this event, or are non-canonical.</exception>
    public AbiValues DecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        int first = Anonymous ? 0 : 1;
        if (topics.Count != first + IndexedCount)
        {
            throw new AbiException($"ABI decode: log of {Signature} should have {first + IndexedCount} topics; got {topics.Count}.");
        }
        if (!Anonymous && !topics[0].AsSpan().SequenceEqual(_topic0))
        {
            throw new AbiException($"ABI decode: log topic 0 is {HexConvert.Encode(topics[0])}, not {Topic0Hex} of {Signature}.");
        }
        int position = 0;
        object?[] dataValues = _data.DecodeValues(data, ref position);
        var values = new object?[_inputs.Length];
        int topic = first, dataIndex = 0;
        for (int i = 0; i < _inputs.Length; i++)
        {
            AbiParameter input = _inputs[i];
            if (!input.Indexed)
            {
                values[i] = dataValues[dataIndex++];
                continue;
            }
            byte[] word = topics[topic];
            if (word.Length != AbiEncoder.WordSize)
            {
                throw new AbiException($"ABI decode: topic {topic} of a {Signature} log has {word.Length} bytes; topics have 32.");
            }
            try
            {
                values[i] = input.Type.IsHashedWhenIndexed ? new AbiIndexedHash(word) : input.Type.Decode(word);
            }
            catch (AbiException e)
            {
                e.PrependPath($"topic {topic} ({Segment(i)})");
                throw;
            }
            topic++;
        }
        return new AbiValues(_inputs, values);
    }

    /// <summary>The canonical signature, as hashed for topic 0.</summary>
    public string ToSignature() => Signature;

    /// <summary>The human-readable form, e.g. <c>event Transfer(address indexed from, address indexed to, uint256 value)</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("event ").Append(Name);
        AbiHumanReadable.AppendParameters(builder, _inputs);
        return Anonymous ? builder.Append(" anonymous").ToString() : builder.ToString();
    }

    private static byte[] EncodeTopic(AbiType type, object? value)
    {
        if (!type.IsHashedWhenIndexed)
        {
            return type.Encode(value);
        }
        var writer = new ArrayBufferWriter<byte>();
        type.WriteIndexedEncoding(value, writer, nested: false);
        return Keccak256.Hash(writer.WrittenSpan);
    }

    private string Segment(int index) => _inputs[index].Name.Length > 0 ? _inputs[index].Name : "#" + index;
}
