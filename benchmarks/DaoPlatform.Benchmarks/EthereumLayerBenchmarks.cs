using System.Numerics;
using BenchmarkDotNet.Attributes;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Rlp;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Benchmarks;

/// <summary>
/// The Ethereum-layer operations that benchmarks/ethers/bench.mjs times with ethers.js 6, with the
/// same inputs, so scripts/benchmark can put both side by side. Method names match the ethers keys.
/// </summary>
[MemoryDiagnoser]
public class EthereumLayerBenchmarks
{
    private static readonly Address Recipient = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly Address Treasury = Address.Parse("0x3535353535353535353535353535353535353535");
    private static readonly BigInteger OneEther = BigInteger.Pow(10, 18);

    private readonly byte[] _bytes32 = RandomBytes(32);
    private readonly byte[] _bytes1K = RandomBytes(1024);
    private readonly byte[] _hash = new byte[32];
    private readonly AbiFunction _transfer = AbiFunction.Parse("transfer(address to, uint256 amount)");
    private readonly AbiType _tuple = AbiType.Parse("(uint256,address,bytes,string,uint256[])");
    private readonly EthereumKey _key = EthereumKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
    private byte[] _digest = [];
    private Signature _signature;
    private byte[] _tupleData = [];
    private DynamicFeeTransaction _transaction = null!;

    [GlobalSetup]
    public void Setup()
    {
        _digest = Keccak256.Hash([0x12, 0x34]);
        _signature = _key.Sign(_digest);
        _tupleData = EncodeTuple();
        _transaction = new DynamicFeeTransaction
        {
            ChainId = 10, Nonce = 7, MaxPriorityFeePerGas = 1_000_000, MaxFeePerGas = 2_000_000_000,
            GasLimit = 21_000, To = Treasury, Value = OneEther,
        };
    }

    [Benchmark]
    public byte[] keccak256_32B()
    {
        Keccak256.Hash(_bytes32, _hash);
        return _hash;
    }

    [Benchmark]
    public byte[] keccak256_1KiB()
    {
        Keccak256.Hash(_bytes1K, _hash);
        return _hash;
    }

    [Benchmark]
    public byte[] abi_encode_transfer() => _transfer.EncodeCall(Recipient, OneEther);

    [Benchmark]
    public object? abi_decode_tuple() => _tuple.Decode(_tupleData);

    [Benchmark]
    public Signature sign_digest() => _key.Sign(_digest);

    [Benchmark]
    public Address recover_address() => PublicKey.RecoverAddress(_digest, _signature);

    [Benchmark]
    public ReadOnlyMemory<byte> sign_eip1559_tx() => _transaction.Sign(_key).Raw;

    // Like ethers' TypedDataEncoder.hash, this builds the type set from scratch on every call.
    [Benchmark]
    public byte[] eip712_hash_ether_mail() => EtherMail.Create().GetSigningHash();

    [Benchmark]
    public int rlp_encode_5_items()
    {
        Span<byte> buffer = stackalloc byte[64];
        BigInteger gasPrice = 20_000_000_000;
        int content = RlpWriter.LengthOf(9UL) + RlpWriter.LengthOf(gasPrice) + RlpWriter.LengthOf(21_000UL)
            + RlpWriter.LengthOf(Treasury) + RlpWriter.LengthOf(OneEther);
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(content);
        writer.WriteUInt64(9);
        writer.WriteBigInteger(gasPrice);
        writer.WriteUInt64(21_000);
        writer.WriteAddress(Treasury);
        writer.WriteBigInteger(OneEther);
        return writer.Position;
    }

    /// <summary>The input of <c>abi_decode_tuple</c>, shared with <see cref="NethereumBenchmarks"/>.</summary>
    internal static byte[] EncodeTuple() => AbiType.Parse("(uint256,address,bytes,string,uint256[])").Encode(new object?[]
    {
        new BigInteger(123456789), Recipient, Enumerable.Repeat((byte)0xab, 100).ToArray(),
        "DaoPlatform evaluation result", new object?[] { BigInteger.One, new BigInteger(2), new BigInteger(3), new BigInteger(4), new BigInteger(5) },
    });

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
