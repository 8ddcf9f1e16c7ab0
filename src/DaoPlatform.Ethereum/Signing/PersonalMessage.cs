using System.Globalization;
using System.Text;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// EIP-191 version 0x45 (<c>personal_sign</c>): the signed digest is
/// keccak256("\x19Ethereum Signed Message:\n" + decimal byte length + message), so a signed
/// message can never be mistaken for a transaction.
/// </summary>
public static class PersonalMessage
{
    private static ReadOnlySpan<byte> Prefix => "\u0019Ethereum Signed Message:\n"u8;

    /// <summary>The EIP-191 digest of <paramref name="message"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        string length = message.Length.ToString(CultureInfo.InvariantCulture);
        int total = Prefix.Length + length.Length + message.Length;
        byte[] buffer = new byte[total];
        Prefix.CopyTo(buffer);
        Encoding.ASCII.GetBytes(length, buffer.AsSpan(Prefix.Length));
        message.CopyTo(buffer.AsSpan(Prefix.Length + length.Length));
        return Keccak256.Hash(buffer);
    }

    /// <summary>The EIP-191 digest of a UTF-8 text message.</summary>
    public static byte[] Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>Signs <paramref name="message"/> as <c>personal_sign</c> does.</summary>
    public static Signature Sign(EthereumKey key, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Hash(message));
    }

    /// <summary>Signs a UTF-8 text message as <c>personal_sign</c> does.</summary>
    public static Signature Sign(EthereumKey key, string message) => Sign(key, Encoding.UTF8.GetBytes(message));

    /// <summary>Recovers the address that signed <paramref name="message"/>.</summary>
    public static Address RecoverAddress(ReadOnlySpan<byte> message, Signature signature) =>
        PublicKey.RecoverAddress(Hash(message), signature);

    /// <summary>Recovers the address that signed a UTF-8 text message.</summary>
    public static Address RecoverAddress(string message, Signature signature) =>
        RecoverAddress(Encoding.UTF8.GetBytes(message), signature);
}
