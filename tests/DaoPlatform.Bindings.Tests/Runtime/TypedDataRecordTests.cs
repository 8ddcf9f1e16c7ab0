using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Bindings.Tests.Runtime;

/// <summary>The EIP-712 records generated from typed-data.json, against ethers.js 6 <c>TypedDataEncoder</c>.</summary>
public sealed class TypedDataRecordTests
{
    private static readonly Eip712Domain s_domain = new()
    {
        Name = "DaoGovernor",
        Version = "1",
        ChainId = 10,
        VerifyingContract = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
    };

    private static readonly DaoGovernor.Ballot s_ballot = new(123456789, 1, Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), 3);

    [Test]
    public void Ballot_type_hash_is_that_of_the_governor()
    {
        Assert.That(DaoGovernor.Ballot.TypeString, Is.EqualTo("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)"));
        Assert.That(DaoGovernor.Ballot.TypeHash, Is.EqualTo(DaoPlatform.Ethereum.Hashing.Keccak256.Hash("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)"u8)));
    }

    [Test]
    public void Ballot_hashes_equal_ethers()
    {
        // ethers 6: TypedDataEncoder.hashStruct("Ballot", types, value) and TypedDataEncoder.hash(domain, types, value).
        Assert.That(HexConvert.Encode(s_ballot.HashStruct()), Is.EqualTo("0x11a812eef48eddc9464104433b6f3d04664ff524cf944f75883097e210ac3d55"));
        Assert.That(HexConvert.Encode(s_ballot.SigningHash(s_domain)), Is.EqualTo("0x1dab329512b4706c0b920201de40df7513cc4caa0a1959f000f2707750bbf240"));
    }

    [Test]
    public void A_signed_ballot_recovers_its_signer()
    {
        var key = EthereumKey.FromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

        var signature = s_ballot.Sign(s_domain, key);

        Assert.That(s_ballot.ToTypedData(s_domain).RecoverSigner(signature), Is.EqualTo(key.Address));
    }
}
