using System.Runtime.CompilerServices;

namespace DaoPlatform.Ethereum.Hashing;

/// <summary>
/// Keccak-256 (Ethereum's, see <see cref="Keccak256"/>) of data appended in pieces, shaped like
/// <see cref="System.Security.Cryptography.IncrementalHash"/>: <see cref="Append"/> any number of times, then
/// <see cref="GetHashAndReset(Span{byte})"/>. The digest equals <see cref="Keccak256.Hash(ReadOnlySpan{byte})"/> of
/// the concatenation, however the data was split. Not thread-safe; no allocation after construction.
/// </summary>
public sealed class IncrementalKeccak256
{
    private KeccakState _state;
    private PendingBlock _pending;
    private int _pendingLength;

    /// <summary>Appends <paramref name="data"/> to the data being hashed.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Span<byte> pending = _pending;
        if (_pendingLength > 0)
        {
            int take = Math.Min(data.Length, KeccakF1600.Rate - _pendingLength);
            data[..take].CopyTo(pending[_pendingLength..]);
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < KeccakF1600.Rate)
            {
                return;
            }
            KeccakF1600.Absorb(ref _state, pending);
            _pendingLength = 0;
        }
        int whole = data.Length - data.Length % KeccakF1600.Rate;
        KeccakF1600.Absorb(ref _state, data[..whole]);
        data[whole..].CopyTo(pending);
        _pendingLength = data.Length - whole;
    }

    /// <summary>Writes the digest of everything appended since construction or the last reset to the first 32 bytes of
    /// <paramref name="output"/>, then starts over.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than 32 bytes.</exception>
    public void GetHashAndReset(Span<byte> output)
    {
        Keccak256.CheckOutput(output);
        Keccak256.Finish(ref _state, ((ReadOnlySpan<byte>)_pending)[.._pendingLength], output);
        Reset();
    }

    /// <summary>Returns the 32-byte digest of everything appended since construction or the last reset, then starts over.</summary>
    public byte[] GetHashAndReset()
    {
        byte[] output = new byte[Keccak256.HashLength];
        GetHashAndReset(output);
        return output;
    }

    /// <summary>
    /// Writes the sponge's 200-byte state after everything appended so far to <paramref name="destination"/>, without
    /// finishing: <see cref="Keccak256Sponge"/> continues from it. Only at a multiple of the 136-byte rate, where no
    /// partial block is pending.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bytes appended so far are not a multiple of 136.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 200 bytes.</exception>
    public void ExportState(Span<byte> destination)
    {
        if (_pendingLength != 0)
        {
            throw new InvalidOperationException($"The state is exported at a multiple of {KeccakF1600.Rate} bytes; {_pendingLength} bytes of a block are pending.");
        }
        Keccak256Sponge.Store(_state, destination, nameof(destination));
    }

    /// <summary>Forgets everything appended.</summary>
    public void Reset()
    {
        _state = default;
        _pendingLength = 0;
    }

    [InlineArray(KeccakF1600.Rate)]
    private struct PendingBlock
    {
        private byte _byte;
    }
}
