using System.Text;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Protocol.Content;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

namespace DaoPlatform.Platform.Registry;

/// <summary>
/// The incumbent of a large-model task (docs/training-tasks.md §9.3) as <c>createTaskWithAssets</c> takes it: not its bytes
/// but its commitment, <c>rowsRoot (32 bytes) ‖ header (7 + 3 × layers bytes) ‖ CID</c> (UTF-8), the CID being the
/// content store's, where evaluators and auditors fetch the bytes. Its model root is the content hash under which the
/// model asset must be registered.
/// </summary>
/// <param name="Commitment">The model's header, rows and roots.</param>
/// <param name="StoredCid">The content store's CID of the model's DQM1 file.</param>
public sealed record LargeIncumbent(ModelCommitment Commitment, Cid StoredCid)
{
    /// <summary>The bytes <c>createTaskWithAssets</c> takes as <c>incumbentModel</c> in a large-model task.</summary>
    public byte[] Encode() => [.. Commitment.RowsRoot, .. Commitment.Header, .. Encoding.UTF8.GetBytes(StoredCid.ToString())];

    /// <summary>The number of availability chunks the contract records for it.</summary>
    public int ChunkCount => AvailabilityChunks.Count(Commitment);

    /// <summary>Puts <paramref name="model"/> (a DQM1 file) into <paramref name="store"/> and returns its commitment.</summary>
    /// <exception cref="PlatformException">The bytes are no DQM1 model, or the store failed or is read-only.</exception>
    public static async Task<LargeIncumbent> PutAsync(byte[] model, IContentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(store);
        ModelCommitment commitment = Read(model, "the incumbent's file");
        try
        {
            return new LargeIncumbent(commitment, await store.PutAsync(model, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is ContentStoreException or NotSupportedException)
        {
            throw PlatformException.BadInput($"cannot put the incumbent into the content store: {e.Message}", e);
        }
    }

    /// <summary>The commitment of the DQM1 model at <paramref name="cid"/> in <paramref name="store"/> (checked against the CID by the store).</summary>
    /// <exception cref="PlatformException">The store cannot give the content, or it is no DQM1 model.</exception>
    public static async Task<LargeIncumbent> FetchAsync(Cid cid, IContentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(store);
        byte[] model;
        try
        {
            model = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentStoreException e)
        {
            throw PlatformException.BadInput($"cannot fetch the incumbent {cid} from the content store: {e.Message}", e);
        }
        return new LargeIncumbent(Read(model, $"the content at {cid}"), cid);
    }

    /// <summary>
    /// The model root of an encoded commitment (<see cref="Encode"/>'s layout), as the contract computes it; the message
    /// of the exception names what is short.
    /// </summary>
    /// <exception cref="PlatformException">The bytes are too short for a rows root and the header they announce.</exception>
    public static byte[] ModelRootOf(ReadOnlySpan<byte> encoded)
    {
        int end = encoded.Length > 36 ? 39 + 3 * encoded[36] : 37;
        if (encoded.Length < end)
        {
            throw PlatformException.BadInput(
                $"a large incumbent's commitment is {encoded.Length} bytes, too short for its rows root and header ({end} bytes): give the model's DQM1 file or CID");
        }
        return ModelCommitment.ModelRootOf(encoded[32..end], encoded[..32]);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"model root {HexConvert.Encode(Commitment.ModelRoot)}, rows root {HexConvert.Encode(Commitment.RowsRoot)}, {ChunkCount} availability chunks, bytes at {StoredCid}";

    private static ModelCommitment Read(byte[] model, string what)
    {
        try
        {
            return new ModelCommitment(Dqm1.Read(model));
        }
        catch (Exception e) when (e is EvaluationException or ArgumentException)
        {
            throw PlatformException.BadInput($"{what} is not a DQM1 model: {e.Message}", e);
        }
    }
}
