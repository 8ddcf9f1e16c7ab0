using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// The task committee's multisig vault: owners approve a transaction by an EIP-712 signature (or on chain by its
/// hash), and anyone executes it with enough approvals.
/// </summary>
public static class VaultMoves
{
    /// <summary>The EIP-712 <c>VaultTransaction</c> an owner signs to approve calling <paramref name="to"/> from the vault.</summary>
    public static SignatureRequest Approval(Eip712Domain domain, Address to, BigInteger value, byte[] data, BigInteger nonce)
    {
        var transaction = new MultisigVault.VaultTransaction(to, value, data, nonce);
        return new SignatureRequest(transaction.ToTypedData(domain),
            $"the approval of vault transaction {nonce}: {CallDescriptions.Describe("the vault", to, value, data)}");
    }

    /// <summary><c>approveHash(hash)</c>: an owner approves a transaction on chain instead of signing.</summary>
    public static Move ApproveHash(Address vault, byte[] hash) =>
        new("MultisigVault.approveHash", vault, MultisigVault.EncodeApproveHashCall(hash), BigInteger.Zero,
            $"approve the vault transaction {HexConvert.Encode(hash)} on chain");

    /// <summary>
    /// <c>execute(to, value, data, signatures)</c> with <paramref name="approvals"/> (owner, 65-byte signature),
    /// packed in ascending owner order as the vault requires.
    /// </summary>
    public static Move Execute(Address vault, Address to, BigInteger value, byte[] data, IReadOnlyList<(Address Owner, byte[] Signature)> approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        byte[] packed = [.. approvals.OrderBy(a => a.Owner).SelectMany(a => a.Signature)];
        return new Move("MultisigVault.execute", vault, MultisigVault.EncodeExecuteCall(to, value, data, packed), BigInteger.Zero,
            $"execute with {approvals.Count} approvals: {CallDescriptions.Describe("the vault", to, value, data)}");
    }
}
