using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The bytes of a large model committed without publication (docs/training-tasks.md §8.5) cannot be had: the content
/// store does not give a content that proves against the commitment, and its resolved chunks do not cover it. Nobody
/// can evaluate the task until the bytes appear or the model is excluded (an availability challenge left unresolved).
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates the exception for entry <paramref name="entry"/> of task <paramref name="taskId"/>, committed to <paramref name="modelRoot"/>.</summary>
    public ModelUnavailableException(ulong taskId, int entry, byte[] modelRoot, string reason)
        : base($"task {taskId} entry {entry}: the bytes of committed model {HexConvert.Encode(modelRoot)} cannot be had: {reason}")
    {
        TaskId = taskId;
        Entry = entry;
    }

    /// <summary>The task.</summary>
    public ulong TaskId { get; }

    /// <summary>The entry whose committed model is unavailable.</summary>
    public int Entry { get; }
}
