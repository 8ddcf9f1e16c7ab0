using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

public static partial class RegistryMoves
{
    /// <summary>
    /// <c>commitTestSetRoot(tokenId, root)</c>: the owner of dataset <paramref name="tokenId"/> (or a manager it approved)
    /// commits the root of a hidden test set drawn from it, which tasks naming the dataset use (docs/training-tasks.md §9.2).
    /// </summary>
    /// <exception cref="ArgumentException">The root is not 32 bytes.</exception>
    public static Move CommitTestSetRoot(Address registry, BigInteger tokenId, byte[] root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Length != 32)
        {
            throw new ArgumentException($"a test-set root is 32 bytes, not {root.Length}", nameof(root));
        }
        return new Move("AssetRegistry.commitTestSetRoot", registry, AssetRegistry.EncodeCommitTestSetRootCall(tokenId, root), BigInteger.Zero,
            $"commit test-set root {HexConvert.Encode(root)} for dataset asset {tokenId}");
    }

    /// <summary>
    /// <c>registerNextVersion(taskId, model)</c>: registers the winner of task <paramref name="taskId"/>, which beat its
    /// incumbent, as the incumbent's next version (minted to the incumbent's owner); anyone holding the bytes may send it.
    /// </summary>
    public static Move RegisterNextVersion(Address registry, ulong taskId, byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Move("AssetRegistry.registerNextVersion", registry, AssetRegistry.EncodeRegisterNextVersionCall(taskId, model), BigInteger.Zero,
            $"register the winner of task {taskId} ({model.Length} bytes) as the next version of its incumbent");
    }

    /// <summary>
    /// <c>registerNextLargeVersion(taskId, header, rowsRoot, cid)</c>: registers the winner of large-model task
    /// <paramref name="taskId"/> as its incumbent's next version by its commitment (docs/training-tasks.md §9.3): the DQM1
    /// <paramref name="header"/> and the 32-byte <paramref name="rowsRoot"/> give its model root, <paramref name="cid"/> is
    /// the raw sha2-256 CIDv1 of the whole file. Only the incumbent's owner or a manager it approved may send it.
    /// </summary>
    /// <exception cref="ArgumentException">The rows root is not 32 bytes, or the CID is empty.</exception>
    public static Move RegisterNextLargeVersion(Address registry, ulong taskId, byte[] header, byte[] rowsRoot, string cid)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rowsRoot);
        ArgumentException.ThrowIfNullOrEmpty(cid);
        if (rowsRoot.Length != 32)
        {
            throw new ArgumentException($"a rows root is 32 bytes, not {rowsRoot.Length}", nameof(rowsRoot));
        }
        return new Move("AssetRegistry.registerNextLargeVersion", registry,
            AssetRegistry.EncodeRegisterNextLargeVersionCall(taskId, header, rowsRoot, cid), BigInteger.Zero,
            $"register the winner of large-model task {taskId} (rows root {HexConvert.Encode(rowsRoot)}, CID {cid}) as the next version of its incumbent");
    }
}
