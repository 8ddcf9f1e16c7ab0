namespace DaoPlatform.Index;

/// <summary>
/// One platform event as the index keeps it: where it happened (block number, hash and time in seconds since the
/// epoch, transaction, log index), what it is (<see cref="Kind"/>, e.g. <c>DaoGovernor.VoteCast</c>), what it is
/// about (<see cref="Subject"/>: a proposal id, task id, vault nonce, token id or stream id, in decimal or hex), who
/// did it (<see cref="Actor"/>, a checksummed address or empty) and the decoded event as JSON
/// (<see cref="EventJson"/>'s encoding: amounts as decimal strings, addresses checksummed, bytes as 0x-hex).
/// </summary>
public sealed record IndexedEvent(
    ulong BlockNumber, string BlockHash, ulong Timestamp, string TransactionHash, ulong LogIndex,
    string Kind, string Subject, string Actor, string Payload)
{
    /// <summary>The decoded event, read back from <see cref="Payload"/>.</summary>
    /// <exception cref="System.Text.Json.JsonException">The payload is not a <typeparamref name="TEvent"/>.</exception>
    public TEvent Read<TEvent>() => EventJson.Read<TEvent>(Payload);
}
