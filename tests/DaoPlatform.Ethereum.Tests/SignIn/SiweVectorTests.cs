using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.SignIn;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.SignIn;

/// <summary>Every case of the shared SIWE / ReCap reference vectors, by kind.</summary>
public sealed class SiweVectorTests
{
    /// <summary>
    /// Cases where the strict ABNF and a vector's expectation part: both come from sources that never validated
    /// the rule (an unmerged PR, a ReCap library reading plain SIWE). These are refused here, on purpose.
    /// </summary>
    private static readonly Dictionary<string, string> StrictRefusals = new(StringComparer.Ordinal)
    {
        ["siwe-pr200/valid_uris/IPv4address leading zeros: uri://[::000.000.010.001]"] = "RFC 3986 dec-octet has no leading zeros",
        ["siwe-pr200/valid_uris/IPv4address max value: uri://[::001.099.200.255]"] = "RFC 3986 dec-octet has no leading zeros",
        ["recap-ts/as-siwe/invalid/interleavedResources"] = "'\"' is neither RFC 3986 reserved nor unreserved, so not statement text",
    };

    [Test]
    public void The_file_holds_all_271_cases() => Assert.That(SiweVectors.Count, Is.EqualTo(271));

    [TestCaseSource(typeof(SiweVectors), nameof(SiweVectors.Cases), new object[] { "parse" })]
    public void Parse(JsonObject vector)
    {
        string text = vector["message"]!.GetValue<string>();
        JsonObject expected = vector["expected"]!.AsObject();
        if (StrictRefusals.TryGetValue(vector["id"]!.GetValue<string>(), out string? reason))
        {
            Assert.That(expected["valid"]!.GetValue<bool>(), Is.True);
            var refusal = Assert.Throws<SiweException>(() => SiweMessage.Parse(text))!;
            TestContext.Out.WriteLine($"refused on purpose ({reason}): {refusal.Message}");
            return;
        }
        if (!expected["valid"]!.GetValue<bool>())
        {
            var error = Assert.Throws<SiweException>(() => SiweMessage.Parse(text))!;
            if (!string.Equals(ErrorName(error.Error), expected["error"]?.GetValue<string>(), StringComparison.Ordinal))
            {
                TestContext.Out.WriteLine($"advisory class differs: refused as {error.Error} ({error.Message}); the vector's advisory class is {expected["error"]}");
            }
            return;
        }
        SiweMessage message = SiweMessage.Parse(text);
        AssertFields(message, expected["fields"]!.AsObject());
        if (vector["roundtrip"]?.GetValue<bool>() == true)
        {
            Assert.That(message.ToString(), Is.EqualTo(text), "building the message from its fields gives back the text");
        }
    }

    [TestCaseSource(typeof(SiweVectors), nameof(SiweVectors.Cases), new object[] { "build" })]
    public void Build(JsonObject vector)
    {
        JsonObject fields = vector["input_fields"]!.AsObject();
        string? text = vector["message"]?.GetValue<string>();
        bool valid = vector["expected"]!["valid"]!.GetValue<bool>();
        if (fields["chainId"] is not JsonValue chainId || chainId.GetValueKind() != System.Text.Json.JsonValueKind.Number)
        {
            // A missing or non-numeric chain id cannot be given to the typed builder (a required ulong) at all;
            // its text, where there is one, must still be refused.
            Assert.That(valid, Is.False);
            if (text is not null)
            {
                Assert.Throws<SiweException>(() => SiweMessage.Parse(text));
            }
            return;
        }
        SiweMessage message = FromFields(fields);
        if (valid)
        {
            Assert.That(message.ToString(), Is.EqualTo(text));
            Assert.That(SiweMessage.Parse(text!), Is.EqualTo(message).Using<SiweMessage>(SameText));
            return;
        }
        Assert.Throws<SiweException>(() => message.ToString());
        if (text is not null)
        {
            Assert.Throws<SiweException>(() => SiweMessage.Parse(text), "a naive serialization of the refused fields is refused too");
        }
    }

    [TestCaseSource(typeof(SiweVectors), nameof(SiweVectors.Cases), new object[] { "verify" })]
    public async Task Verify(JsonObject vector)
    {
        string text = vector["message"]!.GetValue<string>();
        string signature = vector["signature"]!.GetValue<string>();
        JsonObject context = vector["context"]!.AsObject();
        bool valid = vector["expected"]!["valid"]!.GetValue<bool>();
        var expectations = new SiweExpectations
        {
            Domain = context["domain"]?.GetValue<string>() ?? DomainOf(text),
            Nonce = context["nonce"]?.GetValue<string>(),
            ChainId = vector["chainId"]!.GetValue<ulong>(),
            // An impossible context time (the invalid-date cases) is never reached: parsing refuses first.
            Time = Rfc3339.TryParse(context["time"]!.GetValue<string>(), out DateTimeOffset time, out _) ? time : DateTimeOffset.UnixEpoch,
            // The reference implementations compare only the validity window with the time; this server's own
            // Issued At limits are tested in SiweVerifierTests.
            ClockSkew = null,
            MaxAge = null,
        };

        if (vector["sig_type"]!.GetValue<string>() == "eip1271")
        {
            // These contract wallets live on public chains: without a node the test checks that recovery alone
            // refuses them and that the verifier then asks the account's contract about the EIP-191 digest of
            // exactly these bytes and this signature. (The devnet test asks a real MultisigVault.)
            Assert.That(valid, Is.True);
            var eoaOnly = new SiweVerifier();
            Assert.That((await Assert.ThrowsAsync<SiweException>(() => eoaOnly.VerifyAsync(text, signature, expectations)))!.Error, Is.EqualTo(SiweError.InvalidSignature));
            var contract = new RecordingContract();
            SiweMessage accepted = await new SiweVerifier(contract).VerifyAsync(text, signature, expectations);
            Assert.That(contract.Asked, Is.EqualTo((accepted.Account, HexConvert.Encode(PersonalMessage.Hash(text)), signature)));
            AssertFields(accepted, vector["expected"]!["fields"]!.AsObject());
            return;
        }

        var verifier = new SiweVerifier();
        if (valid)
        {
            SiweMessage message = await verifier.VerifyAsync(text, signature, expectations);
            AssertFields(message, vector["expected"]!["fields"]!.AsObject());
        }
        else
        {
            var error = (await Assert.ThrowsAsync<SiweException>(() => verifier.VerifyAsync(text, signature, expectations)))!;
            TestContext.Out.WriteLine($"refused: {error.Error}: {error.Message}");
        }
    }

    [TestCaseSource(typeof(SiweVectors), nameof(SiweVectors.Cases), new object[] { "rule" })]
    public void Rule(JsonObject vector)
    {
        string input = vector["input"]!.GetValue<string>();
        string rule = vector["rule"]!.GetValue<string>();
        bool matches = rule switch
        {
            "scheme" => Rfc3986.IsScheme(input),
            "userinfo" => Rfc3986.IsUserInfo(input),
            "reg-name" => Rfc3986.IsRegName(input),
            "segment-nz" => Rfc3986.IsSegmentNz(input),
            "fragment" => Rfc3986.IsFragment(input),
            "pct-encoded" => Rfc3986.IsPctEncoded(input),
            "IPvFuture" => Rfc3986.IsIpvFuture(input),
            "statement" => IsStatement(input),
            _ => throw new InvalidOperationException($"no recognizer for rule {rule}"),
        };
        Assert.That(matches, Is.EqualTo(vector["expected"]!["valid"]!.GetValue<bool>()));
    }

    [TestCaseSource(typeof(SiweVectors), nameof(SiweVectors.Cases), new object[] { "recap" })]
    public void Recap(JsonObject vector)
    {
        string text = vector["message"]!.GetValue<string>();
        JsonObject expected = vector["expected"]!.AsObject();
        if (!expected["valid"]!.GetValue<bool>())
        {
            var error = Assert.Throws<SiweException>(() => ReCap.FromMessage(SiweMessage.Parse(text)))!;
            TestContext.Out.WriteLine($"refused: {error.Error}: {error.Message}");
            return;
        }
        ReCap recap = ReCap.FromMessage(SiweMessage.Parse(text));
        Assert.That(recap.ToCanonicalJson(), Is.EqualTo(ReCap.FromJson(expected["recap"]!.ToJsonString()).ToCanonicalJson()));
        Assert.That(recap.ToStatement(), Is.EqualTo(expected["statement_suffix"]!.GetValue<string>()));
        Assert.That(SiweMessage.Parse(text).Resources![^1], Is.EqualTo(recap.ToUri()), "the ReCap re-encodes to the same URI");
    }

    [TestCaseSource(typeof(SiweVectors), nameof(SiweVectors.Cases), new object[] { "recap-object" })]
    public void RecapObject(JsonObject vector)
    {
        JsonNode input = vector["input"]!;
        JsonObject expected = vector["expected"]!.AsObject();
        ReCap recap = input is JsonValue value && value.GetValue<string>().StartsWith(ReCap.UriPrefix, StringComparison.Ordinal)
            ? ReCap.FromUri(value.GetValue<string>())
            : ReCap.FromJson(input is JsonValue json ? json.GetValue<string>() : input.ToJsonString());
        if (expected["jcs"] is { } jcs)
        {
            Assert.That(recap.ToCanonicalJson(), Is.EqualTo(jcs.GetValue<string>()));
        }
        if (expected["decoded"] is { } decoded)
        {
            Assert.That(recap.ToCanonicalJson(), Is.EqualTo(ReCap.FromJson(decoded.ToJsonString()).ToCanonicalJson()));
        }
        if (expected["statement"] is { } statement)
        {
            Assert.That(recap.ToStatement(), Is.EqualTo(statement.GetValue<string>()));
        }
    }

    private static bool IsStatement(string statement)
    {
        try
        {
            new SiweMessage
            {
                Domain = "example.com", Address = "0x0000000000000000000000000000000000000000", Statement = statement,
                Uri = "https://example.com", ChainId = 1, Nonce = "12345678", IssuedAt = "2022-01-01T00:00:00Z",
            }.Validate();
            return true;
        }
        catch (SiweException e) when (e.Error == SiweError.InvalidStatement)
        {
            return false;
        }
    }

    private static SiweMessage FromFields(JsonObject fields) => new()
    {
        Scheme = fields["scheme"]?.GetValue<string>(),
        Domain = fields["domain"]?.GetValue<string>()!,
        Address = fields["address"]?.GetValue<string>()!,
        Statement = fields["statement"]?.GetValue<string>(),
        Uri = fields["uri"]?.GetValue<string>()!,
        Version = fields["version"]?.GetValue<string>()!,
        ChainId = fields["chainId"]?.GetValue<ulong>() ?? 0,
        Nonce = fields["nonce"]?.GetValue<string>()!,
        IssuedAt = fields["issuedAt"]?.GetValue<string>()!,
        ExpirationTime = fields["expirationTime"]?.GetValue<string>(),
        NotBefore = fields["notBefore"]?.GetValue<string>(),
        RequestId = fields["requestId"]?.GetValue<string>(),
        Resources = fields["resources"]?.AsArray().Select(static r => r!.GetValue<string>()).ToList(),
    };

    private static void AssertFields(SiweMessage message, JsonObject fields)
    {
        var actual = new Dictionary<string, string?>
        {
            ["scheme"] = message.Scheme, ["domain"] = message.Domain, ["address"] = message.Address, ["statement"] = message.Statement,
            ["uri"] = message.Uri, ["version"] = message.Version, ["chainId"] = message.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["nonce"] = message.Nonce, ["issuedAt"] = message.IssuedAt, ["expirationTime"] = message.ExpirationTime, ["notBefore"] = message.NotBefore,
            ["requestId"] = message.RequestId, ["resources"] = message.Resources is null ? null : string.Join("\n", message.Resources),
        };
        var expected = actual.Keys.ToDictionary(static k => k, k => fields[k] switch
        {
            null => null,
            JsonArray list => string.Join("\n", list.Select(static r => r!.GetValue<string>())),
            JsonNode node => node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? node.ToJsonString() : node.GetValue<string>(),
        });
        Assert.That(actual, Is.EqualTo(expected));
    }

    private static bool SameText(SiweMessage a, SiweMessage b) => a.ToString() == b.ToString();

    private static string DomainOf(string text)
    {
        string origin = text[..text.IndexOf(" wants you", StringComparison.Ordinal)];
        int scheme = origin.IndexOf("://", StringComparison.Ordinal);
        return scheme < 0 ? origin : origin[(scheme + 3)..];
    }

    private static string ErrorName(SiweError error) => error switch
    {
        SiweError.Malformed => "MALFORMED",
        SiweError.InvalidDomain => "INVALID_DOMAIN",
        SiweError.InvalidAddress => "INVALID_ADDRESS",
        SiweError.InvalidStatement => "INVALID_STATEMENT",
        SiweError.InvalidUri => "INVALID_URI",
        SiweError.InvalidVersion => "INVALID_VERSION",
        SiweError.InvalidChainId => "INVALID_CHAIN_ID",
        SiweError.InvalidNonce => "INVALID_NONCE",
        SiweError.InvalidTimeFormat => "INVALID_TIME_FORMAT",
        SiweError.InvalidResource => "INVALID_RESOURCE",
        _ => error.ToString(),
    };

    /// <summary>A contract account that accepts any signature and records what it was asked.</summary>
    private sealed class RecordingContract : IContractSignatureChecker
    {
        public (Address Account, string Hash, string Signature)? Asked { get; private set; }

        public Task<bool> IsValidSignatureAsync(Address account, ReadOnlyMemory<byte> hash, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
        {
            Asked = (account, HexConvert.Encode(hash.Span), HexConvert.Encode(signature.Span));
            return Task.FromResult(true);
        }
    }
}
