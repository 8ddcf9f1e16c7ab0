using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// The value of an indexed event parameter of a hashed type (bytes, string, array, tuple): the log
/// holds only keccak256 of its in-place encoding, so the value itself cannot be recovered.
/// </summary>
public sealed class AbiIndexedHash : IEquatable<AbiIndexedHash>
{
    private readonly byte[] _hash;

    /// <summary>Wraps a 32-byte topic.</summary>
    public AbiIndexedHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != AbiEncoder.WordSize)
        {
            throw new ArgumentException($"A topic hash has 32 bytes; got {hash.Length}.", nameof(hash));
        }
        _hash = hash.ToArray();
    }

    /// <summary>The keccak256 hash.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <inheritdoc/>
    public bool Equals(AbiIndexedHash? other) => other is not null && _hash.AsSpan().SequenceEqual(other._hash);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AbiIndexedHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_hash);

    /// <summary>The hash as hex, marked as a hash.</summary>
    public override string ToString() => "keccak256:" + HexConvert.Encode(_hash);
}
