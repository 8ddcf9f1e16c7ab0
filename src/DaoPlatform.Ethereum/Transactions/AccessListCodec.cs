using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>RLP of an EIP-2930 access list: <c>[[address, [storageKey, ...]], ...]</c>.</summary>
internal static class AccessListCodec
{
    public static int ContentLength(IReadOnlyList<AccessListEntry> accessList)
    {
        int length = 0;
        foreach (AccessListEntry entry in accessList)
        {
            length += entry.EncodedLength;
        }
        return length;
    }

    public static int EncodedLength(IReadOnlyList<AccessListEntry> accessList) => RlpWriter.LengthOfList(ContentLength(accessList));

    public static void Write(ref RlpWriter writer, IReadOnlyList<AccessListEntry> accessList)
    {
        writer.WriteListHeader(ContentLength(accessList));
        foreach (AccessListEntry entry in accessList)
        {
            entry.WriteTo(ref writer);
        }
    }

    public static AccessListEntry[] Read(ref RlpReader reader)
    {
        RlpReader list = reader.ReadList();
        var entries = new List<AccessListEntry>();
        while (list.HasMore)
        {
            entries.Add(AccessListEntry.Read(ref list));
        }
        return [.. entries];
    }
}
