using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaoPlatform.Protocol.Signed;

/// <summary>Which signed file a JSON object is.</summary>
public enum SignedFileKind
{
    /// <summary>A <see cref="SignedBallot"/>.</summary>
    Ballot,

    /// <summary>A <see cref="SignedDelegation"/>.</summary>
    Delegation,
}

/// <summary>
/// Reads the signed files every relayer receives (the CLI's <c>dao relay</c>, the node's inbox, its <c>POST /ballots</c>
/// and <c>POST /delegations</c>): one parser for each format, one set of errors. A delegation names a
/// <c>delegatee</c>, a ballot a <c>proposalId</c>; a file with neither is neither.
/// </summary>
public static class SignedFile
{
    /// <summary>Parses <paramref name="text"/> as a JSON object.</summary>
    /// <exception cref="SignedFileException">Not JSON, or not an object.</exception>
    public static JsonObject ParseObject(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new SignedFileException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new SignedFileException($"not JSON: {e.Message}", innerException: e);
        }
    }

    /// <summary>Which signed file <paramref name="json"/> is.</summary>
    /// <exception cref="SignedFileException">Neither a ballot nor a delegation.</exception>
    public static SignedFileKind KindOf(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.ContainsKey("delegatee") ? SignedFileKind.Delegation
            : json.ContainsKey("proposalId") ? SignedFileKind.Ballot
            : throw new SignedFileException(
                "neither a ballot ('dao vote --sign-to') nor a delegation ('dao delegate --sign-to'): it names no proposalId and no delegatee");
    }

    /// <summary>Reads a ballot file's text.</summary>
    /// <exception cref="SignedFileException">Not JSON, a delegation, or a field missing or malformed.</exception>
    public static SignedBallot ParseBallot(string text)
    {
        JsonObject json = ParseObject(text);
        return KindOf(json) == SignedFileKind.Ballot
            ? SignedBallot.Parse(json)
            : throw new SignedFileException("this is a delegation (it names a delegatee), not a ballot");
    }

    /// <summary>Reads a delegation file's text.</summary>
    /// <exception cref="SignedFileException">Not JSON, a ballot, or a field missing or malformed.</exception>
    public static SignedDelegation ParseDelegation(string text)
    {
        JsonObject json = ParseObject(text);
        return KindOf(json) == SignedFileKind.Delegation
            ? SignedDelegation.Parse(json)
            : throw new SignedFileException("this is a ballot (it names a proposalId), not a delegation");
    }
}
