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
