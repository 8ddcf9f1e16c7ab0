using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Rlp;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Ethereum.Transactions;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.KeyStore;
using Nethereum.Signer;
using Nethereum.Util;

namespace DaoPlatform.Benchmarks;

/// <summary>
/// <c>scripts/benchmark conformance</c>: the published vectors the layer's test suites check (EIP-55, EIP-155, the
/// Solidity ABI specification, EIP-712 and MetaMask's fixtures, Web3 Secret Storage and go-ethereum's keystores,
/// ethereum/tests RLP) run against the layer and against Nethereum 6.1.0, printed as a markdown table. A value is
/// the result as lower-case hex, or "refused" when the library throws; the expected value is the published one (or,
/// for solc's repeated entries, the issue's).
/// </summary>
internal static class Conformance
{
    private const string Refused = "refused";

    private sealed record Vector(string Name, string Expected, Func<string> Ours, Func<string> Nethereum);

    public static int Run()
    {
        int disagreements = 0;
        Console.WriteLine("| vector | expected | our layer | Nethereum 6.1.0 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (Vector vector in Vectors())
        {
            string ours = Outcome(vector.Ours), theirs = Outcome(vector.Nethereum);
            disagreements += theirs == vector.Expected ? 0 : 1;
            Console.WriteLine($"| {vector.Name} | {Short(vector.Expected)} | {Mark(ours, vector.Expected)} | {Mark(theirs, vector.Expected)} |");
        }
        Console.WriteLine();
        Console.WriteLine($"Nethereum differs from the expected value on {disagreements} vectors.");
        return 0;
    }

    private static IEnumerable<Vector> Vectors()
    {
        // EIP-55's examples: the checksum of the lower-case address, and a wrong checksum refused.
        foreach (string address in (string[])["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                     "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"])
        {
            string lower = address.ToLowerInvariant();
            yield return new($"EIP-55 checksum of {lower[..8]}…", address,
                () => Address.Parse(lower).ToChecksumString(), () => AddressUtil.Current.ConvertToChecksumAddress(lower));
        }
        const string BadChecksum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        yield return new("EIP-55: a wrong checksum is refused", Refused,
            () => Address.Parse(BadChecksum).ToChecksumString(),
            () => AddressUtil.Current.IsChecksumAddress(BadChecksum) ? BadChecksum : Refused);

        // EIP-155's example transaction.
        const string Eip155Key = "0x4646464646464646464646464646464646464646464646464646464646464646";
        yield return new("EIP-155 example, signed",
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            () => HexConvert.Encode(new LegacyTransaction
            {
                ChainId = 1, Nonce = 9, GasPrice = 20_000_000_000, GasLimit = 21_000,
                To = Address.Parse("0x3535353535353535353535353535353535353535"), Value = BigInteger.Pow(10, 18),
            }.Sign(EthereumKey.FromHex(Eip155Key)).Raw.Span),
            () => Hex(new LegacyTransactionSigner().SignTransaction(Convert.FromHexString(Eip155Key[2..]), 1,
                "0x3535353535353535353535353535353535353535", BigInteger.Pow(10, 18), 9, 20_000_000_000, 21_000)));

        // The Solidity ABI specification's examples.
        yield return new("ABI spec: baz(uint32,bool) 69, true",
            "0xcdcd77c000000000000000000000000000000000000000000000000000000000000000450000000000000000000000000000000000000000000000000000000000000001",
            () => HexConvert.Encode(AbiFunction.Parse("baz(uint32,bool)").EncodeCall(69u, true)),
            () => Hex(new FunctionCallEncoder().EncodeRequest("cdcd77c0", [new Parameter("uint32", 1), new Parameter("bool", 2)], 69u, true)));
        yield return new("ABI spec: sam(bytes,bool,uint256[]) \"dave\", true, [1,2,3]",
            "0xa5643bf20000000000000000000000000000000000000000000000000000000000000060000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000a0000000000000000000000000000000000000000000000000000000000000000464617665000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000003",
            () => HexConvert.Encode(AbiFunction.Parse("sam(bytes,bool,uint256[])").EncodeCall("dave"u8.ToArray(), true, new object[] { 1, 2, 3 })),
            () => Hex(new FunctionCallEncoder().EncodeRequest("a5643bf2",
                [new Parameter("bytes", 1), new Parameter("bool", 2), new Parameter("uint256[]", 3)], "dave"u8.ToArray(), true, new List<BigInteger> { 1, 2, 3 })));
        // The specification: a bool is 0 or 1; a word of 2 is not a bool.
        string boolTwo = "0x" + new string('0', 63) + "2";
        yield return new("ABI spec: bool word 2 decodes", Refused,
            () => AbiType.Parse("bool").Decode(HexConvert.Decode(boolTwo))?.ToString() ?? "null",
            () => new ParameterDecoder().DecodeDefaultData(HexConvert.Decode(boolTwo), new Parameter("bool", 1))[0].Result.ToString()!.ToLowerInvariant());

        // solc 0.8.37 lists an error declared by two libraries twice (and an event declared by an interface and a library).
        const string TwiceAbi = """[{"inputs":[],"name":"CustomError","type":"error"},{"inputs":[],"name":"CustomError","type":"error"},{"anonymous":false,"inputs":[{"indexed":true,"name":"to","type":"address"},{"indexed":false,"name":"amount","type":"uint256"}],"name":"Paid","type":"event"},{"anonymous":false,"inputs":[{"indexed":true,"name":"to","type":"address"},{"indexed":false,"name":"amount","type":"uint256"}],"name":"Paid","type":"event"}]""";
        yield return new("solc ABI with a repeated error and event: entries", "1 error, 1 event",
            () => { ContractAbi abi = ContractAbi.Parse(TwiceAbi); return $"{abi.Errors.Count} error, {abi.Events.Count} event"; },
            () => { ContractABI abi = ABIDeserialiserFactory.DeserialiseContractABI(TwiceAbi); return $"{abi.Errors.Length} error, {abi.Events.Length} event"; });

        // EIP-712: the "Ether Mail" example, MetaMask's recursive Mail, and primaryType EIP712Domain.
        yield return new("EIP-712 Ether Mail digest", "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2",
            () => HexConvert.Encode(TypedData.FromJson(EtherMail.Json).GetSigningHash()),
            () => Hex(Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(EtherMail.Json)));
        yield return new("EIP-712 recursive Mail (MetaMask), signed bytes",
            "0x1901f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f098a3fdba6dae9a89a220b7adbe1f38cf5d2aeabd94657aea65bb8aeef44f02e",
            () => { TypedData mail = TypedData.FromJson(RecursiveMail); return "0x1901" + HexConvert.Encode(mail.DomainSeparator(), prefix: false) + HexConvert.Encode(mail.HashMessage(), prefix: false); },
            () => Hex(Eip712TypedDataEncoder.Current.EncodeTypedData(RecursiveMail)));
        const string DomainOnly = """{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{},"message":{}}""";
        yield return new("EIP-712 primaryType EIP712Domain digest", "0x8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38",
            () => HexConvert.Encode(TypedData.FromJson(DomainOnly).GetSigningHash()),
            () => Hex(Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(DomainOnly)));
        string badChecksumMail = EtherMail.Json.Replace("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827", StringComparison.Ordinal);
        yield return new("EIP-712 JSON with a wrong EIP-55 checksum", Refused,
            () => HexConvert.Encode(TypedData.FromJson(badChecksumMail).GetSigningHash()),
            () => Hex(Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(badChecksumMail)));

        // Web3 Secret Storage's PBKDF2 vector and go-ethereum's short-key keystores (password "foo").
        yield return new("Web3 Secret Storage PBKDF2 vector", "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d",
            () => HexConvert.Encode(Web3SecretStorage.Decrypt(Pbkdf2Vector, "testpassword").ExportPrivateKey()),
            () => Hex(new KeyStoreService().DecryptKeyStoreFromJson("testpassword", Pbkdf2Vector)));
        foreach ((string name, string json, string key) in GethShortKeys())
        {
            yield return new($"go-ethereum {name}", key,
                () => HexConvert.Encode(Web3SecretStorage.Decrypt(json, "foo").ExportPrivateKey()),
                () => Hex(new KeyStoreService().DecryptKeyStoreFromJson("foo", json)));
        }

        // ethereum/tests RLP: a published encoding, and non-canonical inputs of invalidRLPTest.json's kind.
        yield return new("RLP [\"cat\",\"dog\"]", "0xc88363617483646f67",
            () => HexConvert.Encode(new RlpList([new RlpString("cat"u8.ToArray()), new RlpString("dog"u8.ToArray())]).Encode()),
            () => Hex(Nethereum.RLP.RLP.EncodeList(Nethereum.RLP.RLP.EncodeElement("cat"u8.ToArray()), Nethereum.RLP.RLP.EncodeElement("dog"u8.ToArray()))));
        foreach ((string name, string encoded) in ((string, string)[])[("bytesShouldBeSingleByte00", "0x8100"), ("long-form length below 56", "0xb80000")])
        {
            yield return new($"RLP invalid {name} ({encoded}) decodes", Refused,
                () => { RlpItem.Decode(HexConvert.Decode(encoded)); return "accepted"; },
                () => { Nethereum.RLP.RLP.Decode(HexConvert.Decode(encoded)); return "accepted"; });
        }
    }

    private static string Outcome(Func<string> run)
    {
        try
        {
            return run();
        }
        catch (Exception)
        {
            return Refused;
        }
    }

    private static string Hex(string hex) => hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.ToLowerInvariant() : "0x" + hex.ToLowerInvariant();

    private static string Hex(byte[] bytes) => HexConvert.Encode(bytes);

    private static string Mark(string outcome, string expected) =>
        outcome == expected ? "✓" : $"✗ {Short(outcome)}";

    private static string Short(string value) => value.Length > 26 ? value[..22] + "…" + value[^4..] : value;

    private const string Pbkdf2Vector = """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2","kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """;

    private static IEnumerable<(string Name, string Json, string Key)> GethShortKeys()
    {
        static string Keystore(string iv, string ciphertext, string salt, string mac) => $$"""
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"{{iv}}"},"ciphertext":"{{ciphertext}}","kdf":"scrypt","kdfparams":{"dklen":32,"n":2,"r":8,"p":1,"salt":"{{salt}}"},"mac":"{{mac}}"},"id":"fecfc4ce-e956-48fd-953b-30f8b52ed66c","version":3}
            """;
        yield return ("31_byte_key", Keystore("e0c41130a323adc1446fc82f724bca2f", "9517cd5bdbe69076f9bf5057248c6c050141e970efa36ce53692d5d59a3984",
                "711f816911c92d649fb4c84b047915679933555030b3552c1212609b38208c63", "d5e116151c6aa71470e67a7d42c9620c75c4d23229847dcc127794f0732b0db5"),
            "0x00fa7b3db73dc7dfdf8c5fbdb796d741e4488628c41fc4febd9160a866ba0f35");
        yield return ("30_byte_key", Keystore("3ca92af36ad7c2cd92454c59cea5ef00", "108b7d34f3442fc26ab1ab90ca91476ba6bfa8c00975a49ef9051dc675aa",
                "d0769e608fb86cda848065642a9c6fa046845c928175662b8e356c77f914cd3b", "75d0e6759f7b3cefa319c3be41680ab6beea7d8328653474bd06706d4cc67420"),
            "0x000081c29e8142bb6a81bef5a92bda7a8328a5c85bb2f9542e76f9b0f94fc018");
    }

    private const string RecursiveMail = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
          "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
          "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"},{"name":"replyTo","type":"Mail"}]},
         "primaryType":"Mail",
         "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
         "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
                    "contents":"Hello, Bob!","replyTo":{"to":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"from":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello!"}}}
        """;
}
