using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Signed;

namespace DaoPlatform.Protocol.Tests.Signed;

/// <summary>
/// The one reader of the signed ballot and delegation files (the CLI's <c>dao relay</c>, the node's inbox and its
/// <c>POST /ballots</c>, <c>POST /delegations</c>): a file round-trips; every missing or malformed field is an error that
/// names it; a file that is neither kind says so.
/// </summary>
public sealed class SignedFileTests
{
    private static readonly byte[] Signature = [.. Enumerable.Range(1, 65).Select(i => (byte)i)];

    private static readonly SignedBallot Ballot = new(
        Address.Parse("0x00000000000000000000000000000000000000a4"), 10, BigInteger.Parse("81237648712364871236487123648712364871236487", System.Globalization.CultureInfo.InvariantCulture),
        VoteSupport.Abstain, Address.Parse("0x00000000000000000000000000000000000000b1"), 3, Signature);

    private static readonly SignedDelegation Delegation = new(
        Address.Parse("0x00000000000000000000000000000000000000a3"), 10, Address.Parse("0x00000000000000000000000000000000000000b1"),
        Address.Parse("0x00000000000000000000000000000000000000b2"), 7, 1_800_000_000, Signature);

    [Test]
    public void A_ballot_and_a_delegation_round_trip_through_their_text()
    {
        SignedBallot ballot = SignedFile.ParseBallot(Ballot.ToJson().ToJsonString());
        Assert.That(ballot with { Signature = Signature }, Is.EqualTo(Ballot));
        Assert.That(ballot.Signature, Is.EqualTo(Signature));
        SignedDelegation delegation = SignedFile.ParseDelegation(Delegation.ToJson().ToJsonString());
        Assert.That(delegation with { Signature = Signature }, Is.EqualTo(Delegation));
        Assert.That(delegation.Signature, Is.EqualTo(Signature));
        Assert.That(SignedFile.KindOf(Ballot.ToJson()), Is.EqualTo(SignedFileKind.Ballot));
        Assert.That(SignedFile.KindOf(Delegation.ToJson()), Is.EqualTo(SignedFileKind.Delegation));
    }

    [TestCase("governor")]
    [TestCase("chainId")]
    [TestCase("proposalId")]
    [TestCase("support")]
    [TestCase("voter")]
    [TestCase("nonce")]
    [TestCase("signature")]
    public void A_ballot_without_a_field_is_refused_naming_it(string field)
    {
        JsonObject json = Ballot.ToJson();
        json.Remove(field);
        SignedFileException e = Assert.Throws<SignedFileException>(() => SignedBallot.Parse(json))!;
        Assert.That(e.Field, Is.EqualTo(field));
        Assert.That(e.Message, Is.EqualTo($"the field '{field}' is missing"));
    }

    [TestCase("token")]
    [TestCase("chainId")]
    [TestCase("delegator")]
    [TestCase("delegatee")]
    [TestCase("nonce")]
    [TestCase("expiry")]
    [TestCase("signature")]
    public void A_delegation_without_a_field_is_refused_naming_it(string field)
    {
        JsonObject json = Delegation.ToJson();
        json.Remove(field);
        SignedFileException e = Assert.Throws<SignedFileException>(() => SignedDelegation.Parse(json))!;
        Assert.That(e.Field, Is.EqualTo(field));
        Assert.That(e.Message, Is.EqualTo($"the field '{field}' is missing"));
    }

    /// <summary>The bug found in review: the CLI's reader took a missing chainId as 0, and a string one threw an unnamed error.</summary>
    [TestCase("governor", "\"0x12\"", "is not an address")]
    [TestCase("governor", "12", "is not a string")]
    [TestCase("chainId", "\"10\"", "is not a chain id")]
    [TestCase("chainId", "0", "is not a chain id")]
    [TestCase("chainId", "-1", "is not a chain id")]
    [TestCase("chainId", "1.5", "is not a chain id")]
    [TestCase("proposalId", "\"0x10\"", "is not a non-negative decimal integer")]
    [TestCase("proposalId", "\"\"", "is not a non-negative decimal integer")]
    [TestCase("support", "\"maybe\"", "is 'maybe', not for, against or abstain")]
    [TestCase("support", "1", "is not a string")]
    [TestCase("voter", "\"0xZZ00000000000000000000000000000000000000\"", "is not an address")]
    [TestCase("nonce", "\"-1\"", "is not a non-negative decimal integer")]
    [TestCase("signature", "\"abc\"", "is not 0x-prefixed hex")]
    [TestCase("signature", "\"0x1234\"", "has 2 bytes, not 65")]
    public void A_ballot_with_a_malformed_field_is_refused_naming_it(string field, string value, string says)
    {
        JsonObject json = Ballot.ToJson();
        json[field] = JsonNode.Parse(value);
        SignedFileException e = Assert.Throws<SignedFileException>(() => SignedBallot.Parse(json))!;
        Assert.That(e.Field, Is.EqualTo(field));
        Assert.That(e.Message, Does.StartWith($"the field '{field}' ").And.Contain(says));
    }

    [TestCase("token", "\"0x12\"", "is not an address")]
    [TestCase("chainId", "true", "is not a chain id")]
    [TestCase("chainId", "null", "is missing")]
    [TestCase("delegatee", "\"bob\"", "is not an address")]
    [TestCase("expiry", "\"1e9\"", "is not a non-negative decimal integer")]
    [TestCase("signature", "\"0x\"", "has 0 bytes, not 65")]
    public void A_delegation_with_a_malformed_field_is_refused_naming_it(string field, string value, string says)
    {
        JsonObject json = Delegation.ToJson();
        json[field] = JsonNode.Parse(value);
        SignedFileException e = Assert.Throws<SignedFileException>(() => SignedDelegation.Parse(json))!;
        Assert.That(e.Field, Is.EqualTo(field));
        Assert.That(e.Message, Does.StartWith($"the field '{field}' ").And.Contain(says));
    }

    [Test]
    public void A_file_that_is_neither_kind_or_not_JSON_or_the_other_kind_says_so()
    {
        SignedFileException neither = Assert.Throws<SignedFileException>(() => SignedFile.KindOf(new JsonObject { ["governor"] = "0x12" }))!;
        Assert.That(neither.Message, Does.StartWith("neither a ballot ('dao vote --sign-to') nor a delegation ('dao delegate --sign-to')"));
        Assert.That(neither.Field, Is.Null);
        Assert.That(Assert.Throws<SignedFileException>(() => SignedFile.ParseObject("{ not json"))!.Message, Does.StartWith("not JSON: "));
        Assert.That(Assert.Throws<SignedFileException>(() => SignedFile.ParseObject("[1, 2]"))!.Message, Is.EqualTo("not a JSON object"));
        Assert.That(Assert.Throws<SignedFileException>(() => SignedFile.ParseBallot(Delegation.ToJson().ToJsonString()))!.Message, Does.Contain("this is a delegation"));
        Assert.That(Assert.Throws<SignedFileException>(() => SignedFile.ParseDelegation(Ballot.ToJson().ToJsonString()))!.Message, Does.Contain("this is a ballot"));
    }
}
