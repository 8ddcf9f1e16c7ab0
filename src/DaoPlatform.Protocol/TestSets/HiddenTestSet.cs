using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Protocol.TestSets;

/// <summary>
/// A hidden test set its submitter holds: where it came from (a file or a CID), its input size, its records
/// (label ‖ inputs each, as the chain carries them), their Merkle tree, and the CID of its DQD1 file in the content
/// store when it is kept there (null when it is held in memory only).
/// </summary>
public sealed record HiddenTestSet(string Source, int InputSize, byte[] Records, TestSetTree Tree, Cid? Cid = null);
