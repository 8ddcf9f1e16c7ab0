using System.Numerics;
using BenchmarkDotNet.Attributes;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.RLP;
using Nethereum.Signer;
using Nethereum.Util;

namespace DaoPlatform.Benchmarks;

/// <summary>
/// The operations of <see cref="EthereumLayerBenchmarks"/> done with Nethereum 6.1.0, the C# library a user would
/// otherwise pick, with the same inputs and method names, so scripts/benchmark can put the three side by side.
/// Each call uses Nethereum's documented entry point for the job.
/// </summary>
[MemoryDiagnoser]
public class NethereumBenchmarks
{
    private const string Recipient = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private const string Treasury = "0x3535353535353535353535353535353535353535";
    private static readonly BigInteger OneEther = BigInteger.Pow(10, 18);
    private static readonly Parameter[] TransferInputs = [new("address", "to", 1), new("uint256", "amount", 2)];
    private static readonly Parameter[] TupleOutputs =
        [new("uint256", 1), new("address", 2), new("bytes", 3), new("string", 4), new("uint256[]", 5)];

    private readonly byte[] _bytes32 = RandomBytes(32);
    private readonly byte[] _bytes1K = RandomBytes(1024);
    private readonly EthECKey _key = new("0x4646464646464646464646464646464646464646464646464646464646464646");
    private readonly FunctionCallEncoder _encoder = new();
    private readonly ParameterDecoder _decoder = new();
    private readonly Transaction1559Signer _transactionSigner = new();
    private byte[] _privateKey = [];
    private byte[] _digest = [];
    private EthECDSASignature _signature = null!;
    private byte[] _tupleData = [];
    private TypedDataRaw _etherMail = null!;

    [GlobalSetup]
    public void Setup()
    {
        _privateKey = _key.GetPrivateKeyAsBytes();
        _digest = Sha3Keccack.Current.CalculateHash(new byte[] { 0x12, 0x34 });
        _signature = _key.SignAndCalculateV(_digest);
        _tupleData = EthereumLayerBenchmarks.EncodeTuple();
        _etherMail = TypedDataRawJsonConversion.DeserialiseJsonToRawTypedData(EtherMail.Json);
    }

    [Benchmark]
    public byte[] keccak256_32B() => Sha3Keccack.Current.CalculateHash(_bytes32);

    [Benchmark]
    public byte[] keccak256_1KiB() => Sha3Keccack.Current.CalculateHash(_bytes1K);

    [Benchmark]
    public string abi_encode_transfer() => _encoder.EncodeRequest("a9059cbb", TransferInputs, Recipient, OneEther);

    [Benchmark]
    public object abi_decode_tuple() => _decoder.DecodeDefaultData(_tupleData, TupleOutputs);

    [Benchmark]
    public EthECDSASignature sign_digest() => _key.SignAndCalculateV(_digest);

    [Benchmark]
    public string recover_address() => EthECKey.RecoverFromSignature(_signature, _digest).GetPublicAddress();

    [Benchmark]
    public string sign_eip1559_tx() => _transactionSigner.SignTransaction(_privateKey,
        new Transaction1559(10, 7, 1_000_000, 2_000_000_000, 21_000, Treasury, OneEther, null, null));

    // The parsed eth_signTypedData_v4 form, hashed from scratch (type encoding included) on every call.
    [Benchmark]
    public byte[] eip712_hash_ether_mail() => Sha3Keccack.Current.CalculateHash(Eip712TypedDataEncoder.Current.EncodeTypedDataRaw(_etherMail));

    [Benchmark]
    public byte[] rlp_encode_5_items() => RLP.EncodeList(
        RLP.EncodeElement(new BigInteger(9).ToBytesForRLPEncoding()),
        RLP.EncodeElement(new BigInteger(20_000_000_000).ToBytesForRLPEncoding()),
        RLP.EncodeElement(new BigInteger(21_000).ToBytesForRLPEncoding()),
        RLP.EncodeElement(Treasury.HexToByteArray()),
        RLP.EncodeElement(OneEther.ToBytesForRLPEncoding()));

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
