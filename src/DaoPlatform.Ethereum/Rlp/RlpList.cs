namespace DaoPlatform.Ethereum.Rlp;

/// <summary>An RLP list of items, each a string or a list.</summary>
public sealed class RlpList : RlpItem
{
    private readonly RlpItem[] _items;

    /// <summary>Creates a list of the given items.</summary>
    public RlpList(IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <summary>Creates a list of the given items.</summary>
    public RlpList(params RlpItem[] items) : this((IEnumerable<RlpItem>)items)
    {
    }

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<RlpItem> Items => _items;

    /// <summary>The total length of the items' encodings, excluding the list header.</summary>
    public int ContentLength
    {
        get
        {
            int length = 0;
            foreach (RlpItem item in _items)
            {
                length += item.EncodedLength;
            }
            return length;
        }
    }

    /// <inheritdoc/>
    public override int EncodedLength => RlpWriter.LengthOfList(ContentLength);

    /// <inheritdoc/>
    public override void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        foreach (RlpItem item in _items)
        {
            item.WriteTo(ref writer);
        }
    }

    /// <inheritdoc/>
    public override bool Equals(RlpItem? other) =>
        other is RlpList list && list._items.AsSpan().SequenceEqual(_items);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (RlpItem item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items.Select(i => i.ToString())) + "]";
}
