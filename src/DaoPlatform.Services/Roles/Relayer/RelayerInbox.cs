using System.Globalization;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// Takes a ballot file's JSON from elsewhere than the folder (the node's <c>POST /ballots</c>, for the hub) into the
/// inbox, after checking that it parses as a ballot; the relayer job checks it against the chain as any other.
/// </summary>
public sealed class RelayerInbox(IOptions<RelayerOptions> options, TimeProvider time)
{
    /// <summary>Writes <paramref name="json"/> to the inbox whole (a temporary file moved in); returns the file's name.</summary>
    /// <exception cref="FormatException">Not a ballot file (the message names what is wrong).</exception>
    /// <exception cref="InvalidOperationException">The relayer has no inbox configured.</exception>
    public async Task<string> AcceptAsync(string json, CancellationToken cancellationToken)
    {
        string inbox = options.Value.Inbox ?? throw new InvalidOperationException("the relayer role is off: Relayer:Inbox is not set");
        SignedBallot ballot;
        try
        {
            ballot = SignedBallot.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }
        Directory.CreateDirectory(inbox);
        string name = string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():yyyyMMddHHmmssfff}-{ballot.Voter}-{ballot.ProposalId}-{ballot.Nonce}.json");
        string path = Path.Combine(inbox, name);
        string staging = Path.Combine(inbox, name + ".tmp");
        await File.WriteAllTextAsync(staging, json, cancellationToken).ConfigureAwait(false);
        File.Move(staging, path, overwrite: true);
        return name;
    }
}
