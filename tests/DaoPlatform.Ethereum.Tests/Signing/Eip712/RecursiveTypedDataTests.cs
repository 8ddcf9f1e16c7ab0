using System.Text;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Ethereum.Tests.Signing.Eip712;

/// <summary>
/// Self-referring struct types (MetaMask's eth-sig-util "recursive" fixture and its kind), absent struct members
/// (32 zero bytes, as MetaMask v4), and hostile nesting (a clear error, never a stack overflow).
/// </summary>
public class RecursiveTypedDataTests
{
    private const string EtherMailDomain = """
        "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" }
        """;

    private const string RecursiveMailTypes = """
        "types": {
          "EIP712Domain": [ { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
                            { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" } ],
          "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
          "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" },
                    { "name": "contents", "type": "string" }, { "name": "replyTo", "type": "Mail" } ]
        }
        """;

    private const string Cow = """{ "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" }""";
    private const string Bob = """{ "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" }""";

    // MetaMask eth-sig-util's recursive fixture: the reply has no replyTo of its own.
    private static readonly string RecursiveMail = $$"""
        { {{RecursiveMailTypes}}, "primaryType": "Mail", {{EtherMailDomain}},
          "message": { "from": {{Cow}}, "to": {{Bob}}, "contents": "Hello, Bob!", "replyTo": { "to": {{Cow}}, "from": {{Bob}}, "contents": "Hello!" } } }
        """;

    [Test]
    public void MetaMasksRecursiveMailHashesToItsPublishedDigest()
    {
        TypedData typedData = TypedData.FromJson(RecursiveMail);

        Assert.That(typedData.Types.EncodeType("Mail"), Is.EqualTo("Mail(Person from,Person to,string contents,Mail replyTo)Person(string name,address wallet)"));
        Assert.That(HexConvert.Encode(typedData.DomainSeparator()), Is.EqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"));
        Assert.That(HexConvert.Encode(typedData.HashMessage()), Is.EqualTo("0x098a3fdba6dae9a89a220b7adbe1f38cf5d2aeabd94657aea65bb8aeef44f02e"));
    }

    [Test]
    public void AnAbsentStructMemberAndANullOneHashAsThirtyTwoZeroBytes()
    {
        string withNull = RecursiveMail.Replace("\"contents\": \"Hello!\"", "\"contents\": \"Hello!\", \"replyTo\": null", StringComparison.Ordinal);
        TypedData absent = TypedData.FromJson(RecursiveMail);
        var reply = (IReadOnlyDictionary<string, object?>)absent.Message["replyTo"]!;

        byte[] encoded = absent.Types.EncodeData("Mail", reply);

        Assert.That(encoded.AsSpan(32 * 4, 32).ToArray(), Is.EqualTo(new byte[32]));
        Assert.That(TypedData.FromJson(withNull).HashMessage(), Is.EqualTo(absent.HashMessage()));
    }

    [TestCase("uint256")]
    [TestCase("string")]
    [TestCase("Person[]")]
    public void AnAbsentMemberOfAnyOtherTypeIsRefused(string type)
    {
        string json = $$"""
            { "types": { "Person": [ { "name": "name", "type": "string" } ], "A": [ { "name": "x", "type": "{{type}}" } ] }, "primaryType": "A", {{EtherMailDomain}}, "message": { } }
            """;
        Assert.That(Assert.Throws<Eip712Exception>(() => TypedData.FromJson(json))!.Message, Does.Contain($"message.x ({type}) is missing"));
    }

    [Test]
    public void RecursionThroughAnArrayAndThroughAnotherStructListsEachTypeOnceAndHashesTheData()
    {
        // A refers to B, B to an array of A: both orders of encodeType name each type once.
        TypedData typedData = TypedData.FromJson($$"""
            { "types": { "A": [ { "name": "b", "type": "B" } ], "B": [ { "name": "as", "type": "A[]" }, { "name": "n", "type": "uint8" } ] },
              "primaryType": "A", {{EtherMailDomain}}, "message": { "b": { "as": [ { "b": { "as": [], "n": 2 } } ], "n": 1 } } }
            """);
        Eip712TypeSet types = typedData.Types;
        Assert.That(types.EncodeType("A"), Is.EqualTo("A(B b)B(A[] as,uint8 n)"));
        Assert.That(types.EncodeType("B"), Is.EqualTo("B(A[] as,uint8 n)A(B b)"));

        // hashStruct by hand, innermost first.
        byte[] innerB = HashOf(types.TypeHash("B"), Keccak256.Hash([]), Word(2));
        byte[] innerA = HashOf(types.TypeHash("A"), innerB);
        byte[] outerB = HashOf(types.TypeHash("B"), Keccak256.Hash(innerA), Word(1));
        Assert.That(typedData.HashMessage(), Is.EqualTo(HashOf(types.TypeHash("A"), outerB)));
        Assert.That(types.TypeHash("A"), Is.EqualTo(Keccak256.Hash(Encoding.UTF8.GetBytes("A(B b)B(A[] as,uint8 n)"))));
    }

    [Test]
    public void CyclicDataBuiltInCodeIsRefusedNamingThePath()
    {
        TypedData typedData = TypedData.Create(
            new Dictionary<string, IReadOnlyList<TypedDataField>> { ["Node"] = [new("next", "Node"), new("items", "Node[]")] },
            "Node",
            new Eip712Domain { Name = "X" },
            new Dictionary<string, object?>());
        var node = new Dictionary<string, object?> { ["items"] = Array.Empty<object?>() };
        node["next"] = node;
        var list = new Dictionary<string, object?> { ["next"] = null };
        list["items"] = new object?[] { list };

        var viaMember = Assert.Throws<Eip712Exception>(() => typedData.Types.HashStruct("Node", node))!;
        var viaArray = Assert.Throws<Eip712Exception>(() => typedData.Types.HashStruct("Node", list))!;

        Assert.That(viaMember.Message, Does.StartWith("EIP-712: Node.next nests structs and arrays deeper than 64 levels"));
        Assert.That(viaArray.Message, Does.StartWith("EIP-712: Node.items nests structs and arrays deeper than 64 levels"));
    }

    [Test]
    public void DeepJsonIsRefusedAndDataWithinTheLimitHashes()
    {
        static string Chain(int depth) => $$"""
            { {{RecursiveMailTypes}}, "primaryType": "Mail", {{EtherMailDomain}}, "message": {{Nest(depth)}} }
            """;
        static string Nest(int depth) => depth == 0
            ? $$"""{ "from": {{Cow}}, "to": {{Bob}}, "contents": "end" }"""
            : $$"""{ "from": {{Cow}}, "to": {{Bob}}, "contents": "{{depth}}", "replyTo": {{Nest(depth - 1)}} }""";

        Assert.That(TypedData.FromJson(Chain(50)).HashMessage(), Has.Length.EqualTo(32));
        Assert.That(Assert.Throws<Eip712Exception>(() => TypedData.FromJson(Chain(5000)))!.Message, Does.StartWith("EIP-712: typed data is not valid JSON").And.Contain("depth"));
    }

    [Test]
    public void PrimaryTypeEip712DomainSignsTheDomainAlone()
    {
        TypedData empty = TypedData.FromJson("""{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{},"message":{}}""");
        Assert.That(empty.SignsDomainOnly, Is.True);
        Assert.That(HexConvert.Encode(empty.GetSigningHash()), Is.EqualTo("0x8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38"));

        // The message is ignored, whatever it holds: the digest is keccak256(0x1901 ‖ domainSeparator).
        TypedData etherMail = TypedData.FromJson($$"""
            { {{RecursiveMailTypes}}, "primaryType": "EIP712Domain", {{EtherMailDomain}}, "message": { "anything": [1, 2] } }
            """);
        byte[] prefixed = [0x19, 0x01, .. HexConvert.Decode("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")];
        Assert.That(etherMail.GetSigningHash(), Is.EqualTo(Keccak256.Hash(prefixed)));
        Assert.That(Assert.Throws<Eip712Exception>(() => etherMail.HashMessage())!.Message, Does.Contain("there is no message hash"));
    }

    private static byte[] Word(byte value)
    {
        byte[] word = new byte[32];
        word[31] = value;
        return word;
    }

    private static byte[] HashOf(params byte[][] words) => Keccak256.Hash(words.SelectMany(w => w).ToArray());
}
