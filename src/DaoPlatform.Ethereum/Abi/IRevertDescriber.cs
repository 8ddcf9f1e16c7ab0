namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Describes a decoded custom error for people: <see cref="RevertDecoder"/> calls it for every custom error it
/// decodes, so that a caller's decoder can show amounts, times and states in the units their contracts mean.
/// </summary>
public interface IRevertDescriber
{
    /// <summary>A one-line description of <paramref name="error"/> with <paramref name="arguments"/>.</summary>
    /// <param name="error">The error matched by selector.</param>
    /// <param name="arguments">Its decoded arguments.</param>
    /// <param name="inner">The error carried in one of its <c>bytes</c> arguments (e.g. a multisig's
    /// <c>ExecutionFailed(txHash, returnData)</c>), already decoded and described; null when none is.</param>
    string Describe(AbiError error, AbiValues arguments, DecodedRevert? inner);
}
