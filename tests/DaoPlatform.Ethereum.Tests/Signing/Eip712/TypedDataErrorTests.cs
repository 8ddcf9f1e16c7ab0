using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Ethereum.Tests.Signing.Eip712;

public class TypedDataErrorTests
{
    private const string Domain = """ "domain": { "name": "X", "chainId": 1 } """;

    private static string Error(string json) => Assert.Throws<Eip712Exception>(() => TypedData.FromJson(json))!.Message;

    [Test]
    public void MissingPrimaryType() =>
        Assert.That(Error("""{ "types": { "A": [] }, "domain": {}, "message": {} }"""), Does.Contain("typed data has no 'primaryType'"));

    [Test]
    public void PrimaryTypeNotDeclared() =>
        Assert.That(Error($$"""{ "types": { "A": [] }, "primaryType": "B", {{Domain}}, "message": {} }"""), Does.Contain("primaryType 'B' is not among the declared types"));

    [Test]
    public void UnknownMemberType() =>
        Assert.That(Error($$"""{ "types": { "Mail": [ { "name": "to", "type": "Persn" } ] }, "primaryType": "Mail", {{Domain}}, "message": { "to": {} } }"""),
            Does.Contain("Mail.to references unknown type 'Persn'"));

    [Test]
    public void AliasTypeIsNotCanonical() =>
        Assert.That(Error($$"""{ "types": { "A": [ { "name": "n", "type": "uint" } ] }, "primaryType": "A", {{Domain}}, "message": { "n": 1 } }"""),
            Does.Contain("A.n references unknown type 'uint'"));

    [Test]
    public void MissingMessageMember() =>
        Assert.That(Error($$"""{ "types": { "A": [ { "name": "n", "type": "uint256" } ] }, "primaryType": "A", {{Domain}}, "message": { } }"""),
            Does.Contain("message.n (uint256) is missing"));

    [Test]
    public void RepeatedMemberName() =>
        Assert.That(Error($$"""{ "types": { "A": [ { "name": "n", "type": "bool" }, { "name": "n", "type": "bool" } ] }, "primaryType": "A", {{Domain}}, "message": {} }"""),
            Does.Contain("type A has an invalid or repeated member name 'n'"));

    [Test]
    public void ValueOfWrongKind() =>
        Assert.That(Error($$"""{ "types": { "A": [ { "name": "ok", "type": "bool" } ] }, "primaryType": "A", {{Domain}}, "message": { "ok": "yes" } }"""),
            Does.Contain("message.ok (bool) must be true or false; got \"yes\""));

    [Test]
    public void IntegerOutOfRange()
    {
        TypedData typedData = TypedData.FromJson($$"""{ "types": { "A": [ { "name": "n", "type": "uint8" } ] }, "primaryType": "A", {{Domain}}, "message": { "n": 256 } }""");
        var error = Assert.Throws<Eip712Exception>(() => typedData.HashMessage());
        Assert.That(error!.Message, Does.StartWith("EIP-712: A.n (uint8): ABI encode"));
    }

    [Test]
    public void FixedArrayOfWrongLength()
    {
        TypedData typedData = TypedData.FromJson($$"""{ "types": { "A": [ { "name": "v", "type": "bool[2]" } ] }, "primaryType": "A", {{Domain}}, "message": { "v": [true] } }""");
        var error = Assert.Throws<Eip712Exception>(() => typedData.HashMessage());
        Assert.That(error!.Message, Does.Contain("A.v has 1 elements; bool[2] needs 2"));
    }

    [Test]
    public void UnknownDomainMemberWithoutDeclaredDomainType() =>
        Assert.That(Error("""{ "types": { "A": [] }, "primaryType": "A", "domain": { "colour": "red" }, "message": {} }"""),
            Does.Contain("domain member 'colour' is not one of"));

    [Test]
    public void NotJson() => Assert.That(Error("{ types: "), Does.Contain("typed data is not valid JSON"));

    [TestCase("\"0x1234\"", "message.w (address): Address '0x1234': wrong length: 4 hex digits, expected 40.")]
    [TestCase("\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD82g\"", "message.w (address): Address '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD82g': not hex: 'g' at position 41.")]
    [TestCase("\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827\"",
        "message.w (address): Address '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827': bad EIP-55 checksum (mixed-case input must match it); the checksummed form is 0xCd2a3d9f938E13cd947eC05abc7Fe734df8dd827.")]
    [TestCase("42", "message.w (address) must be a hex address string; got 42.")]
    public void BadAddressNamesTheRuleThatFailed(string value, string message) =>
        Assert.That(Error($$"""{ "types": { "A": [ { "name": "w", "type": "address" } ] }, "primaryType": "A", {{Domain}}, "message": { "w": {{value}} } }"""),
            Is.EqualTo("EIP-712: " + message));

    [Test]
    public void CodeBuiltStructValueOfWrongShape()
    {
        TypedData typedData = TypedData.Create(
            new Dictionary<string, IReadOnlyList<TypedDataField>> { ["A"] = [new("p", "P")], ["P"] = [new("x", "bool")] },
            "A",
            new Eip712Domain { Name = "X" },
            new Dictionary<string, object?> { ["p"] = true });
        var error = Assert.Throws<Eip712Exception>(() => typedData.HashMessage());
        Assert.That(error!.Message, Does.Contain("A.p must be a P struct"));
    }
}
