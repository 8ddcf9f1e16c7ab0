using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Benchmarks;

/// <summary>The "Ether Mail" example of EIP-712, as benchmarks/ethers/fixtures.mjs holds it.</summary>
internal static class EtherMail
{
    private static readonly Eip712Domain Domain = new()
    {
        Name = "Ether Mail",
        Version = "1",
        ChainId = BigInteger.One,
        VerifyingContract = Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
    };

    /// <summary>The same typed data as <c>eth_signTypedData_v4</c> JSON, for libraries that take that form.</summary>
    public const string Json = """
        {
          "types": {
            "EIP712Domain": [ { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
                              { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" } ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
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

    public static TypedData Create() => TypedData.Create(
        new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Person"] = [new("name", "string"), new("wallet", "address")],
            ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
        },
        "Mail",
        Domain,
        new Dictionary<string, object?>
        {
            ["from"] = Person("Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
            ["to"] = Person("Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
            ["contents"] = "Hello, Bob!",
        });

    private static Dictionary<string, object?> Person(string name, string wallet) =>
        new() { ["name"] = name, ["wallet"] = Address.Parse(wallet) };
}
