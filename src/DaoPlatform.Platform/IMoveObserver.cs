using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform;

/// <summary>
/// Hears of each move a <see cref="MoveSender"/> is about to send, with the whole plan it belongs to: the CLI's signing
/// gate shows "step 2 of 3" and, on a dry run, the plan of every transaction after the simulated first one.
/// </summary>
public interface IMoveObserver
{
    /// <summary>Move <paramref name="index"/> (from 0) of <paramref name="plan"/> is about to be sent; nothing of it has left yet.</summary>
    void Sending(IReadOnlyList<Move> plan, int index);
}
