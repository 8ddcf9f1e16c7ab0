using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Ethereum.Tests.Signing.Eip712;

/// <summary>The "Ether Mail" example of EIP-712 (assets/eip-712/Example.js), built in code and parsed from JSON.</summary>
public class EtherMailTests
{
    private static readonly EthereumKey Cow = new(Keccak256.Hash("cow"u8));

    private const string Json = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [
              { "name": "from", "type": "Person" },
              { "name": "to", "type": "Person" },
              { "name": "contents", "type": "string" }
            ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    private static TypedData BuiltInCode() => TypedData.Create(
        new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Person"] = [new("name", "string"), new("wallet", "address")],
            ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
        },
        "Mail",
        new Eip712Domain { Name = "Ether Mail", Version = "1", ChainId = 1, VerifyingContract = Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC") },
        new Dictionary<string, object?>
        {
            ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
            ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = Address.Parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
            ["contents"] = "Hello, Bob!",
        });

    private static IEnumerable<TestCaseData> Sources()
    {
        yield return new TestCaseData(BuiltInCode()).SetName("EtherMail built in code");
        yield return new TestCaseData(TypedData.FromJson(Json)).SetName("EtherMail parsed from eth_signTypedData_v4 JSON");
    }

    [TestCaseSource(nameof(Sources))]
    public void MatchesThePublishedHashes(TypedData typedData)
    {
        Assert.That(typedData.Types.EncodeType("Mail"), Is.EqualTo("Mail(Person from,Person to,string contents)Person(string name,address wallet)"));
        Assert.That(HexConvert.Encode(typedData.Types.TypeHash("Mail")), Is.EqualTo("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2"));
        Assert.That(HexConvert.Encode(typedData.Types.EncodeData("Mail", typedData.Message)), Is.EqualTo(
            "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2fc71e5fa27ff56c350aa531bc129ebdf613b772b6604664f5d8dbe21b85eb0c8cd54f074a4af31b4411ff6a60c9719dbd559c221c8ac3492d9d872b041d703d1b5aadf3154a261abdd9086fc627b61efca26ae5702701d05cd2305f7c52a2fc8"));
        Assert.That(HexConvert.Encode(typedData.HashMessage()), Is.EqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"));
        Assert.That(HexConvert.Encode(typedData.DomainSeparator()), Is.EqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"));
        Assert.That(HexConvert.Encode(typedData.GetSigningHash()), Is.EqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"));
    }

    [TestCaseSource(nameof(Sources))]
    public void SignsToThePublishedSignature(TypedData typedData)
    {
        Signature signature = typedData.Sign(Cow);
        Assert.That(signature.V, Is.EqualTo(28));
        Assert.That(HexConvert.Encode(signature.RBytes), Is.EqualTo("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"));
        Assert.That(HexConvert.Encode(signature.SBytes), Is.EqualTo("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"));
        Assert.That(typedData.RecoverSigner(signature), Is.EqualTo(Cow.Address));
    }

    [Test]
    public void CustomDomainMemberFromAnEarlierRevisionOfTheExample()
    {
        // An earlier Example.js declared EIP712Domain with an extra httpOrigin member and asserted
        // sign hash 0xa5f5fa6b... and signature v = 27, r = 0x24040eda..., s = 0x42bbabf2....
        string json = Json
            .Replace("""{ "name": "chainId", "type": "uint256" },""", """{ "name": "chainId", "type": "uint256" }, { "name": "httpOrigin", "type": "string" },""", StringComparison.Ordinal)
            .Replace("\"chainId\": 1,", "\"chainId\": 1, \"httpOrigin\": \"https://ether-mail.eth\",", StringComparison.Ordinal);
        TypedData typedData = TypedData.FromJson(json);
        Assert.That(HexConvert.Encode(typedData.GetSigningHash()), Is.EqualTo("0xa5f5fa6b05af38f2e9d2889ac36f5a4ba31e20646781d23739de458d86d6593e"));
        Signature signature = typedData.Sign(Cow);
        Assert.That(signature.V, Is.EqualTo(27));
        Assert.That(HexConvert.Encode(signature.RBytes), Is.EqualTo("0x24040eda35064d96c51f3308b5fae290edae563327348886a366ed604e0c0480"));
        Assert.That(HexConvert.Encode(signature.SBytes), Is.EqualTo("0x42bbabf2fae4b00598596a99d577dde56ff9d013e861f611cfe7b0728e1cd057"));
    }
}
