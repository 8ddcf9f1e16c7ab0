using DaoPlatform.Ethereum.SignIn;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.SignIn;

/// <summary>The server-side checks a sign-in passes beyond the reference vectors: binding, times, signatures.</summary>
public sealed class SiweVerifierTests
{
    private static readonly EthereumKey Key = EthereumKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SiweMessage Message(Func<SiweMessage, SiweMessage>? change = null)
    {
        var message = new SiweMessage
        {
            Scheme = "https",
            Domain = "hub.example:8443",
            Address = Key.Address.ToChecksumString(),
            Statement = "Download asset 7.",
            Uri = "https://hub.example:8443/assets/7/content",
            ChainId = 10,
            Nonce = "k3J9x0QaZ1b2C3d4",
            IssuedAt = "2026-12-07T11:59:30Z",
            ExpirationTime = "2026-12-07T12:09:30.000Z",
        };
        return change is null ? message : change(message);
    }

    private static SiweExpectations Expect(Func<SiweExpectations, SiweExpectations>? change = null)
    {
        var expected = new SiweExpectations { Domain = "hub.example:8443", Scheme = "https", Uri = "https://hub.example:8443/assets/7/content", ChainId = 10, Nonce = "k3J9x0QaZ1b2C3d4", Time = Now };
        return change is null ? expected : change(expected);
    }

    private static async Task<SiweError> Refusal(SiweMessage message, SiweExpectations expected, byte[]? signature = null)
    {
        string text = message.ToString();
        var error = await Assert.ThrowsAsync<SiweException>(() => new SiweVerifier().VerifyAsync(text, signature ?? PersonalMessage.Sign(Key, text).ToBytes(), expected));
        return error!.Error;
    }

    [Test]
    public async Task Accepts_a_message_signed_by_its_account_with_v_27_28_or_0_1()
    {
        string text = Message().ToString();
        byte[] signature = PersonalMessage.Sign(Key, text).ToBytes();
        SiweMessage accepted = await new SiweVerifier().VerifyAsync(text, signature, Expect());
        Assert.That(accepted.Account, Is.EqualTo(Key.Address));
        signature[64] -= 27;
        Assert.That((await new SiweVerifier().VerifyAsync(text, signature, Expect())).Account, Is.EqualTo(Key.Address));
    }

    [Test]
    public async Task Refuses_a_message_for_another_domain_scheme_uri_or_chain()
    {
        Assert.That(await Refusal(Message(m => m with { Domain = "evil.example" }), Expect()), Is.EqualTo(SiweError.DomainMismatch));
        Assert.That(await Refusal(Message(m => m with { Scheme = "http" }), Expect()), Is.EqualTo(SiweError.DomainMismatch));
        Assert.That(await Refusal(Message(m => m with { Uri = "https://hub.example:8443/assets/8/content" }), Expect()), Is.EqualTo(SiweError.UriMismatch));
        Assert.That(await Refusal(Message(m => m with { ChainId = 1 }), Expect()), Is.EqualTo(SiweError.ChainIdMismatch));
        Assert.That(await Refusal(Message(m => m with { Nonce = "anotherNonce1" }), Expect()), Is.EqualTo(SiweError.NonceMismatch));
    }

    [Test]
    public async Task Refuses_outside_the_validity_window_and_stale_or_future_issue_times()
    {
        Assert.That(await Refusal(Message(), Expect(e => e with { Time = new DateTimeOffset(2026, 12, 7, 12, 9, 30, TimeSpan.Zero) })), Is.EqualTo(SiweError.Expired), "invalid at the expiration instant");
        Assert.That(await Refusal(Message(m => m with { NotBefore = "2026-12-07T13:00:00+01:00" }), Expect(e => e with { Time = Now.AddTicks(-1) })), Is.EqualTo(SiweError.NotYetValid));
        Assert.That(await Refusal(Message(m => m with { IssuedAt = "2026-12-07T12:05:00Z" }), Expect()), Is.EqualTo(SiweError.IssuedAtOutOfRange));
        Assert.That(await Refusal(Message(m => m with { IssuedAt = "2026-12-07T11:40:00Z", ExpirationTime = null }), Expect()), Is.EqualTo(SiweError.IssuedAtOutOfRange));
        string valid = Message(m => m with { NotBefore = "2026-12-07T13:00:00+01:00" }).ToString();
        Assert.That(await new SiweVerifier().VerifyAsync(valid, PersonalMessage.Sign(Key, valid).ToBytes(), Expect()), Is.Not.Null, "valid at the not-before instant");
    }

    [Test]
    public async Task Refuses_another_signer_a_malformed_signature_and_an_edited_message()
    {
        EthereumKey other = EthereumKey.FromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
        string text = Message().ToString();
        Assert.That(await Refusal(Message(), Expect(), PersonalMessage.Sign(other, text).ToBytes()), Is.EqualTo(SiweError.InvalidSignature));
        Assert.That(await Refusal(Message(), Expect(), new byte[64]), Is.EqualTo(SiweError.InvalidSignature));
        var error = await Assert.ThrowsAsync<SiweException>(() => new SiweVerifier().VerifyAsync(text, "0x123", Expect()));
        Assert.That(error!.Error, Is.EqualTo(SiweError.InvalidSignature));
        byte[] signature = PersonalMessage.Sign(Key, text).ToBytes();
        string edited = text.Replace("asset 7", "asset 8", StringComparison.Ordinal);
        var tampered = await Assert.ThrowsAsync<SiweException>(() => new SiweVerifier().VerifyAsync(edited, signature, Expect()));
        Assert.That(tampered!.Error, Is.EqualTo(SiweError.InvalidSignature));
    }

    [Test]
    public void A_recap_scopes_a_session_to_one_asset_and_round_trips_through_the_message()
    {
        ReCap recap = ReCap.ForResource("urn:daoplatform:asset:10:7", "asset/download");
        SiweMessage message = Message(m => m with { Statement = "Sign in. " + recap.ToStatement(), Resources = [recap.ToUri()] });
        ReCap read = ReCap.FromMessage(SiweMessage.Parse(message.ToString()));
        Assert.That(read.Grants("urn:daoplatform:asset:10:7", "asset/download"), Is.True);
        Assert.That(read.Grants("urn:daoplatform:asset:10:8", "asset/download"), Is.False);
        Assert.That(read.ToStatement(), Is.EqualTo("I further authorize the stated URI to perform the following actions on my behalf: (1) 'asset': 'download' for 'urn:daoplatform:asset:10:7'."));
        SiweMessage unstated = message with { Statement = "Sign in." };
        Assert.That(Assert.Throws<SiweException>(() => ReCap.FromMessage(unstated))!.Error, Is.EqualTo(SiweError.InvalidRecap));
    }

    [TestCase("example.com wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: 12345678\nIssued At: 2022-01-01T00:00:00Z\n", SiweError.Malformed, "line 10")]
    [TestCase("example.com wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 99999999999999999999\nNonce: 12345678\nIssued At: 2022-01-01T00:00:00Z", SiweError.InvalidChainId, "99999999999999999999")]
    [TestCase("example.com wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\nNonce: 12345678\nIssued At: 2022-01-01T24:00:00Z", SiweError.InvalidTimeFormat, "Issued At")]
    public void Parse_errors_name_the_line_or_field(string text, SiweError error, string named)
    {
        var refusal = Assert.Throws<SiweException>(() => SiweMessage.Parse(text))!;
        Assert.That(refusal.Error, Is.EqualTo(error));
        Assert.That(refusal.Message, Does.Contain(named));
    }
}
