using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.SignIn;

/// <summary>Asks a contract account whether it accepts a signature of a hash (EIP-1271).</summary>
public interface IContractSignatureChecker
{
    /// <summary>
    /// Whether <paramref name="account"/>'s <c>isValidSignature(hash, signature)</c> returns the magic value
    /// <c>0x1626ba7e</c>. False for an account without code, a revert, or any other answer.
    /// </summary>
    /// <exception cref="RpcException">The node could not be asked.</exception>
    Task<bool> IsValidSignatureAsync(Address account, ReadOnlyMemory<byte> hash, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken);
}

/// <summary>
/// EIP-1271 through <c>eth_call</c> on the latest block: contract wallets (the platform's MultisigVault,
/// Safe, Argent) sign in through their owners' approvals.
/// </summary>
public sealed class Eip1271(EthRpcClient eth) : IContractSignatureChecker
{
    /// <summary>The selector of <c>isValidSignature(bytes32,bytes)</c>, which is also the magic value it returns.</summary>
    public static ReadOnlySpan<byte> MagicValue => [0x16, 0x26, 0xba, 0x7e];

    /// <inheritdoc />
    public async Task<bool> IsValidSignatureAsync(Address account, ReadOnlyMemory<byte> hash, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"EIP-1271 hashes are 32 bytes; got {hash.Length}.", nameof(hash));
        }
        byte[] code = await eth.GetCodeAsync(account, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (code.Length == 0)
        {
            return false;
        }
        byte[] result;
        try
        {
            result = await eth.CallAsync(new CallRequest { To = account, Data = EncodeCall(hash.Span, signature.Span) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRevertedException)
        {
            return false;
        }
        return result.Length >= 32 && result.AsSpan(0, 4).SequenceEqual(MagicValue) && !result.AsSpan(4, 28).ContainsAnyExcept((byte)0);
    }

    /// <summary>The calldata of <c>isValidSignature(bytes32 hash, bytes signature)</c>.</summary>
    public static byte[] EncodeCall(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        int padded = (signature.Length + 31) / 32 * 32;
        byte[] data = new byte[4 + (32 * 3) + padded];
        MagicValue.CopyTo(data);
        hash.CopyTo(data.AsSpan(4, 32));
        AbiEncoder.WriteUInt64(data.AsSpan(36, 32), 64);
        AbiEncoder.WriteUInt64(data.AsSpan(68, 32), (ulong)signature.Length);
        signature.CopyTo(data.AsSpan(100));
        return data;
    }
}
