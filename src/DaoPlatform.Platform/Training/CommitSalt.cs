using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// The salt of a model commitment, derived from the trainer's key and what is committed, so a lost commit file can
/// be rebuilt by whoever still holds the key and the model (docs/cli.md, "Commit salts"):
/// <c>salt = HMAC-SHA256(key = keccak256("daoplatform commit salt v1" ‖ privateKey), message = chainId ‖ tasks ‖ taskId ‖ modelHash)</c>,
/// with chain id and task id as 32-byte big-endian words and the TrainingTasks address as 20 bytes.
/// </summary>
/// <remarks>
/// The salt stays secret as long as the private key does: the HMAC key is a one-way hash of it, and the message
/// binds the salt to one deployment, task and model, so no two commitments share a salt. Committing the same model
/// to the same task twice gives the same salt (and the same commitment), which the contract refuses anyway.
/// </remarks>
public static class CommitSalt
{
    private static readonly byte[] s_label = "daoplatform commit salt v1"u8.ToArray();

    /// <summary>The 32-byte salt of committing <paramref name="modelHash"/> to task <paramref name="taskId"/> with <paramref name="key"/>.</summary>
    public static byte[] Derive(EthereumKey key, ulong chainId, Address tasks, BigInteger taskId, ReadOnlySpan<byte> modelHash)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (modelHash.Length != 32)
        {
            throw new ArgumentException("a model hash is 32 bytes", nameof(modelHash));
        }
        byte[] secret = key.ExportPrivateKey();
        byte[] macKey = Keccak256.Hash([.. s_label, .. secret]);
        CryptographicOperations.ZeroMemory(secret);
        byte[] message = new byte[32 + 20 + 32 + 32];
        Word(message.AsSpan(0, 32), chainId);
        tasks.Bytes.CopyTo(message.AsSpan(32, 20));
        Word(message.AsSpan(52, 32), taskId);
        modelHash.CopyTo(message.AsSpan(84));
        byte[] salt = HMACSHA256.HashData(macKey, message);
        CryptographicOperations.ZeroMemory(macKey);
        return salt;
    }

    private static void Word(Span<byte> word, BigInteger value)
    {
        word.Clear();
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(word[(32 - bytes.Length)..]);
    }
}
