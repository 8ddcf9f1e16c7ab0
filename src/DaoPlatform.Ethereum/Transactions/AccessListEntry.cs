using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>One EIP-2930 access list entry: an address and the storage slots of it that the transaction pre-warms.</summary>
public sealed class AccessListEntry
{
    /// <summary>The length of a storage key.</summary>
    public const int StorageKeyLength = 32;

    private readonly byte[][] _storageKeys;

    /// <summary>Creates an entry; every storage key must be 32 bytes.</summary>
    public AccessListEntry(Address address, IEnumerable<byte[]> storageKeys)
    {
        ArgumentNullException.ThrowIfNull(storageKeys);
        _storageKeys = [.. storageKeys.Select(key => key.ToArray())];
        for (int i = 0; i < _storageKeys.Length; i++)
        {
            if (_storageKeys[i].Length != StorageKeyLength)
            {
                throw new ArgumentException($"Access list entry for {address}: storage key {i} has {_storageKeys[i].Length} bytes; expected {StorageKeyLength}.", nameof(storageKeys));
            }
        }
        Address = address;
    }

    /// <summary>The accessed account.</summary>
    public Address Address { get; }

    /// <summary>The accessed storage slots, 32 bytes each.</summary>
    public IReadOnlyList<byte[]> StorageKeys => _storageKeys;

    // Each key is a 32-byte string: a one-byte header (0xa0) and the key.
    private int KeysContentLength => _storageKeys.Length * (1 + StorageKeyLength);

    private int ContentLength => RlpWriter.LengthOf(Address) + RlpWriter.LengthOfList(KeysContentLength);

    internal int EncodedLength => RlpWriter.LengthOfList(ContentLength);

    internal void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        writer.WriteAddress(Address);
        writer.WriteListHeader(KeysContentLength);
        foreach (byte[] key in _storageKeys)
        {
            writer.WriteString(key);
        }
    }

    internal static AccessListEntry Read(ref RlpReader reader)
    {
        RlpReader entry = reader.ReadList();
        Address address = entry.ReadAddress("access list address");
        RlpReader keys = entry.ReadList();
        var storageKeys = new List<byte[]>();
        while (keys.HasMore)
        {
            storageKeys.Add(keys.ReadFixedString(StorageKeyLength, "access list storage key").ToArray());
        }
        entry.EnsureEnd("access list entry");
        return new AccessListEntry(address, storageKeys);
    }
}
