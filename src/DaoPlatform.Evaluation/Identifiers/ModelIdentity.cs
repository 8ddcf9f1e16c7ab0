using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Evaluation.Identifiers;

/// <summary>
/// The identifiers of model (and dataset) bytes, docs/evaluation.md §7: <c>modelHash = keccak256(bytes)</c>, which
/// contracts store and compare, and the CID the bytes are fetched by; and the check that fetched bytes are the ones
/// that were registered.
/// </summary>
public static class ModelIdentity
{
    /// <summary>keccak256 of the model bytes (32 bytes).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> model) => Keccak256.Hash(model);

    /// <summary>
    /// Checks that <paramref name="bytes"/> have the expected keccak256 hash and, if given, the expected CID.
    /// </summary>
    /// <exception cref="EvaluationException"><c>ModelHashMismatch(expected, actual)</c> (0x hex) or
    /// <c>CidMismatch(expected, actual)</c>.</exception>
    /// <exception cref="ArgumentException">The expected hash is not 32 bytes.</exception>
    public static void Verify(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> expectedHash, string? expectedCid = null)
    {
        if (expectedHash.Length != Keccak256.HashLength)
        {
            throw new ArgumentException($"a keccak256 hash has 32 bytes, not {expectedHash.Length}", nameof(expectedHash));
        }
        Span<byte> actual = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(bytes, actual);
        if (!actual.SequenceEqual(expectedHash))
        {
            throw new EvaluationException("ModelHashMismatch", [HexConvert.Encode(expectedHash), HexConvert.Encode(actual)],
                $"keccak256 of the {bytes.Length} bytes differs from the expected hash");
        }
        VerifyCid(bytes, expectedCid);
    }

    /// <summary>Checks that <paramref name="bytes"/> have the CID <paramref name="expectedCid"/>; null checks nothing.</summary>
    /// <exception cref="EvaluationException"><c>CidMismatch(expected, actual)</c>.</exception>
    public static void VerifyCid(ReadOnlySpan<byte> bytes, string? expectedCid)
    {
        if (expectedCid is null)
        {
            return;
        }
        string actualCid = ContentId.Of(bytes);
        if (!string.Equals(actualCid, expectedCid, StringComparison.Ordinal))
        {
            throw new EvaluationException("CidMismatch", [expectedCid, actualCid], $"the CID of the {bytes.Length} bytes differs from the expected CID");
        }
    }
}
