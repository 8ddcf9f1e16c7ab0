using System.Globalization;
using DaoPlatform.Protocol.Signed;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// Takes a ballot or delegation file's JSON from elsewhere than the folder (the node's <c>POST /ballots</c> and
/// <c>POST /delegations</c>, for the hub) into the inbox, after checking that it parses as that kind; the relayer job
/// checks it against the chain as any other.
/// </summary>
public sealed class RelayerInbox(IOptions<RelayerOptions> options, TimeProvider time)
{
    /// <summary>Writes a ballot file's <paramref name="json"/> to the inbox whole (a temporary file moved in); returns the file's name.</summary>
    /// <exception cref="SignedFileException">Not a ballot file (the message names what is wrong).</exception>
    /// <exception cref="InvalidOperationException">The relayer has no inbox configured.</exception>
    public Task<string> AcceptBallotAsync(string json, CancellationToken cancellationToken)
    {
        SignedBallot ballot = SignedFile.ParseBallot(json);
        return WriteAsync(json, $"{ballot.Voter}-{ballot.ProposalId}-{ballot.Nonce}", cancellationToken);
    }

    /// <summary>Writes a delegation file's <paramref name="json"/> to the inbox whole; returns the file's name.</summary>
    /// <exception cref="SignedFileException">Not a delegation file (the message names what is wrong).</exception>
    /// <exception cref="InvalidOperationException">The relayer has no inbox configured.</exception>
    public Task<string> AcceptDelegationAsync(string json, CancellationToken cancellationToken)
    {
        SignedDelegation delegation = SignedFile.ParseDelegation(json);
        return WriteAsync(json, $"{delegation.Delegator}-delegation-{delegation.Nonce}", cancellationToken);
    }

    private async Task<string> WriteAsync(string json, string what, CancellationToken cancellationToken)
    {
        string inbox = options.Value.Inbox ?? throw new InvalidOperationException("the relayer role is off: Relayer:Inbox is not set");
        Directory.CreateDirectory(inbox);
        string name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMddHHmmssfff}-{what}.json");
        string path = Path.Combine(inbox, name);
        string staging = Path.Combine(inbox, name + ".tmp");
        await File.WriteAllTextAsync(staging, json, cancellationToken).ConfigureAwait(false);
        File.Move(staging, path, overwrite: true);
        return name;
    }
}
