using System.Collections;
using System.Text;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;

namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>
/// A validated set of EIP-712 struct types and the hashing over them: <c>encodeType</c> (the struct
/// followed by its dependencies sorted by name), <c>typeHash</c>, <c>encodeData</c> and
/// <c>hashStruct</c>. Atomic values are encoded by the ABI layer's own encoders; bytes and string
/// are hashed; arrays hash the concatenation of their elements' encodings; structs nest by hash.
/// Unknown types and malformed names are rejected when the set is built.
/// </summary>
/// <remarks>
/// Types may refer to themselves, directly, through an array or through other structs (legal EIP-712, signed by
/// MetaMask's <c>eth_signTypedData_v4</c>): <c>encodeType</c> lists each referenced type once, and hashing follows the
/// data. A struct-typed member that is absent or null hashes as 32 zero bytes, as MetaMask's v4 does (ethers.js refuses
/// it); that is the only way a value of a directly recursive type such as <c>Mail(..., Mail replyTo)</c> can end.
/// Absent atomic and array members are refused. Data nested deeper than <see cref="MaxDepth"/> structs and arrays
/// (hostile or cyclic data) is refused with an <see cref="Eip712Exception"/> rather than exhausting the stack.
/// </remarks>
public sealed class Eip712TypeSet
{
    private readonly Dictionary<string, IReadOnlyList<TypedDataField>> _structs;
    private readonly Dictionary<string, Eip712FieldType[]> _fieldTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _encodedTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _typeHashes = new(StringComparer.Ordinal);

    /// <summary>Builds and validates the set.</summary>
    /// <summary>The deepest nesting of structs and arrays that hashing follows (the JSON reader's own default limit).</summary>
    public const int MaxDepth = 64;

    /// <exception cref="Eip712Exception">A name is invalid, a type is unknown, or a member repeats.</exception>
    public Eip712TypeSet(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> structs)
    {
        ArgumentNullException.ThrowIfNull(structs);
        _structs = new Dictionary<string, IReadOnlyList<TypedDataField>>(structs, StringComparer.Ordinal);
        foreach ((string name, IReadOnlyList<TypedDataField> fields) in _structs)
        {
            if (!IsIdentifier(name))
            {
                throw new Eip712Exception($"EIP-712: '{name}' is not a valid struct type name.");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var types = new Eip712FieldType[fields.Count];
            for (int i = 0; i < fields.Count; i++)
            {
                TypedDataField field = fields[i];
                if (!IsIdentifier(field.Name) || !seen.Add(field.Name))
                {
                    throw new Eip712Exception($"EIP-712: type {name} has an invalid or repeated member name '{field.Name}'.");
                }
                types[i] = Eip712FieldType.Parse(field.Type, _structs, $"{name}.{field.Name}");
            }
            _fieldTypes[name] = types;
        }
        foreach (string name in _structs.Keys)
        {
            string encoded = BuildEncodeType(name);
            _encodedTypes[name] = encoded;
            _typeHashes[name] = Keccak256.Hash(Encoding.UTF8.GetBytes(encoded));
        }
    }

    /// <summary>The struct types by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Structs => _structs;

    /// <summary>True when <paramref name="name"/> is a struct of this set.</summary>
    public bool Contains(string name) => _structs.ContainsKey(name);

    /// <summary><c>encodeType</c>: e.g. <c>Mail(Person from,Person to,string contents)Person(string name,address wallet)</c>.</summary>
    public string EncodeType(string name) => _encodedTypes.TryGetValue(name, out string? encoded) ? encoded : throw Unknown(name);

    /// <summary><c>typeHash</c> = keccak256(encodeType).</summary>
    public byte[] TypeHash(string name) => _typeHashes.TryGetValue(name, out byte[]? hash) ? (byte[])hash.Clone() : throw Unknown(name);

    /// <summary><c>encodeData</c>: the type hash followed by one 32-byte word per member.</summary>
    /// <exception cref="Eip712Exception">
    /// An atomic or array member is missing, a value does not fit its type, or the data nests deeper than
    /// <see cref="MaxDepth"/>; the message names the path.
    /// </exception>
    public byte[] EncodeData(string name, IReadOnlyDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return EncodeData(name, value, 0);
    }

    /// <summary><c>hashStruct</c> = keccak256(encodeData).</summary>
    /// <exception cref="Eip712Exception">As for <see cref="EncodeData(string, IReadOnlyDictionary{string, object?})"/>.</exception>
    public byte[] HashStruct(string name, IReadOnlyDictionary<string, object?> value) => Keccak256.Hash(EncodeData(name, value));

    private byte[] EncodeData(string name, IReadOnlyDictionary<string, object?> value, int depth)
    {
        if (!_fieldTypes.TryGetValue(name, out Eip712FieldType[]? types))
        {
            throw Unknown(name);
        }
        IReadOnlyList<TypedDataField> fields = _structs[name];
        byte[] encoded = new byte[32 * (1 + fields.Count)];
        _typeHashes[name].CopyTo(encoded, 0);
        for (int i = 0; i < fields.Count; i++)
        {
            bool present = value.TryGetValue(fields[i].Name, out object? member);
            if (!present && types[i].StructName is null)
            {
                throw new Eip712Exception($"EIP-712: {name}.{fields[i].Name} is missing.");
            }
            EncodeValue(types[i], member, encoded.AsSpan(32 * (i + 1), 32), $"{name}.{fields[i].Name}", depth);
        }
        return encoded;
    }

    private void EncodeValue(Eip712FieldType type, object? value, Span<byte> word, string path, int depth)
    {
        if ((type.StructName is not null || type.Element is not null) && value is not null && depth >= MaxDepth)
        {
            throw new Eip712Exception($"EIP-712: {path} nests structs and arrays deeper than {MaxDepth} levels (cyclic or hostile data).");
        }
        if (type.StructName is { } structName)
        {
            if (value is null)
            {
                // An absent struct: 32 zero bytes, as MetaMask's eth_signTypedData_v4 hashes it.
                word.Clear();
                return;
            }
            if (value is not IReadOnlyDictionary<string, object?> members)
            {
                throw new Eip712Exception($"EIP-712: {path} must be a {structName} struct (a member dictionary); got {Describe(value)}.");
            }
            Keccak256.Hash(EncodeData(structName, members, depth + 1), word);
            return;
        }
        if (type.Element is { } element)
        {
            if (value is not IList items || value is byte[] || value is string)
            {
                throw new Eip712Exception($"EIP-712: {path} must be an array ({type.Text}); got {Describe(value)}.");
            }
            if (type.ArrayLength is { } length && items.Count != length)
            {
                throw new Eip712Exception($"EIP-712: {path} has {items.Count} elements; {type.Text} needs {length}.");
            }
            byte[] concatenated = new byte[32 * items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                EncodeValue(element, items[i], concatenated.AsSpan(32 * i, 32), $"{path}[{i}]", depth + 1);
            }
            Keccak256.Hash(concatenated, word);
            return;
        }
        AbiType abi = type.Abi!;
        try
        {
            switch (abi)
            {
                case AbiString:
                    Keccak256.Hash(Encoding.UTF8.GetBytes(value as string ?? throw new Eip712Exception($"EIP-712: {path} must be a string; got {Describe(value)}.")), word);
                    break;
                case AbiBytes:
                    Keccak256.Hash(ToBytes(value, path), word);
                    break;
                default:
                    abi.Encode(value, word);
                    break;
            }
        }
        catch (AbiException error)
        {
            throw new Eip712Exception($"EIP-712: {path} ({type.Text}): {error.Message}", error);
        }
    }

    private static ReadOnlySpan<byte> ToBytes(object? value, string path) => value switch
    {
        byte[] array => array,
        ReadOnlyMemory<byte> memory => memory.Span,
        _ => throw new Eip712Exception($"EIP-712: {path} must be bytes; got {Describe(value)}."),
    };

    private string BuildEncodeType(string primary)
    {
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primary, dependencies);
        dependencies.Remove(primary);
        var builder = new StringBuilder();
        foreach (string name in (IEnumerable<string>)[primary, .. dependencies])
        {
            builder.Append(name).Append('(');
            builder.AppendJoin(',', _structs[name].Select(f => f.Type + " " + f.Name));
            builder.Append(')');
        }
        return builder.ToString();
    }

    private void CollectDependencies(string name, SortedSet<string> found)
    {
        if (!found.Add(name))
        {
            return;
        }
        foreach (Eip712FieldType type in _fieldTypes[name])
        {
            if (StructOf(type) is { } dependency)
            {
                CollectDependencies(dependency, found);
            }
        }
    }

    private static string? StructOf(Eip712FieldType type)
    {
        while (type.Element is { } element)
        {
            type = element;
        }
        return type.StructName;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    private static string Describe(object? value) => value is null ? "null" : value.GetType().Name;

    private static Eip712Exception Unknown(string name) => new($"EIP-712: unknown struct type '{name}'.");
}
