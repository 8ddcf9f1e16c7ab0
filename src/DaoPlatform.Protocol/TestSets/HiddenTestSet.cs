namespace DaoPlatform.Protocol.TestSets;

/// <summary>
/// A hidden test set its submitter holds: where it came from (a file or a CID), its input size, its records
/// (label ‖ inputs each, as the chain carries them) and their Merkle tree.
/// </summary>
public sealed record HiddenTestSet(string Source, int InputSize, byte[] Records, TestSetTree Tree);
