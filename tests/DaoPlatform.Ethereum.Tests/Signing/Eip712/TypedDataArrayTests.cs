using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Ethereum.Tests.Signing.Eip712;

/// <summary>
/// The eth_signTypedData_v4 "Ether Mail" with arrays (Person.wallets address[], Mail.to Person[], an unused
/// Group type) used by MetaMask's eth-sig-util tests; expected values cross-checked with ethers 6.17 TypedDataEncoder
/// (which leaves out the unused Group type; it is no dependency of Mail, so the hashes agree).
/// </summary>
public class TypedDataArrayTests
{
    private const string Json = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Group": [ { "name": "name", "type": "string" }, { "name": "members", "type": "Person[]" } ],
            "Mail": [
              { "name": "from", "type": "Person" },
              { "name": "to", "type": "Person[]" },
              { "name": "contents", "type": "string" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallets", "type": "address[]" } ]
          },
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "primaryType": "Mail",
          "message": {
            "from": { "name": "Cow", "wallets": ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"] },
            "to": [ { "name": "Bob", "wallets": ["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57", "0xB0B0b0b0b0b0B000000000000000000000000000"] } ],
            "contents": "Hello, Bob!"
          }
        }
        """;

    [Test]
    public void HashesAndSignsLikeEthSigUtilAndEthers()
    {
        TypedData typedData = TypedData.FromJson(Json);
        Assert.That(typedData.Types.EncodeType("Mail"), Is.EqualTo("Mail(Person from,Person[] to,string contents)Person(string name,address[] wallets)"));
        Assert.That(typedData.Types.EncodeType("Group"), Is.EqualTo("Group(string name,Person[] members)Person(string name,address[] wallets)"));
        Assert.That(HexConvert.Encode(typedData.HashMessage()), Is.EqualTo("0xeb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8"));
        Assert.That(HexConvert.Encode(typedData.GetSigningHash()), Is.EqualTo("0xa85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2"));
        Signature signature = typedData.Sign(new EthereumKey(Keccak256.Hash("cow"u8)));
        Assert.That(signature.ToString(), Is.EqualTo("0x65cbd956f2fae28a601bebc9b906cea0191744bd4c4247bcd27cd08f8eb6b71c78efdf7a31dc9abee78f492292721f362d296cf86b4538e07b51303b67f749061b"));
    }

    [Test]
    public void EncodesEveryAtomicKindNestedArraysAndAPartialDomain()
    {
        // ethers 6.17 TypedDataEncoder.hash({chainId: 10, salt}, Order types, message) — the domain omits name,
        // version and verifyingContract, exercising a subset of EIP712Domain.
        const string json = """
            {
              "types": {
                "Order": [
                  { "name": "maker", "type": "address" }, { "name": "amount", "type": "uint128" },
                  { "name": "delta", "type": "int64" }, { "name": "ok", "type": "bool" },
                  { "name": "tag", "type": "bytes4" }, { "name": "blob", "type": "bytes" },
                  { "name": "grid", "type": "uint8[2][]" }
                ]
              },
              "primaryType": "Order",
              "domain": { "chainId": "0xa", "salt": "0x1111111111111111111111111111111111111111111111111111111111111111" },
              "message": {
                "maker": "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", "amount": "340282366920938463463374607431768211455",
                "delta": -42, "ok": true, "tag": "0xdeadbeef", "blob": "0x0102", "grid": [[1, 2], [3, 4], [255, 0]]
              }
            }
            """;
        TypedData typedData = TypedData.FromJson(json);
        Assert.That(HexConvert.Encode(typedData.DomainSeparator()), Is.EqualTo("0x69a593c1a9ee635fb4cc3d9b9af89fdfd84feb6f7841cc2ab6ec795c74ea4053"));
        Assert.That(HexConvert.Encode(typedData.GetSigningHash()), Is.EqualTo("0x61701940a24c2a677732090f7ad92c8990eda89346f5546433e36b98ab908dd2"));
        var key = EthereumKey.Generate();
        Assert.That(typedData.RecoverSigner(typedData.Sign(key)), Is.EqualTo(key.Address));
    }
}
