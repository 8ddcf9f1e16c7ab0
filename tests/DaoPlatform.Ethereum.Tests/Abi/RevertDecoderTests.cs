using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class RevertDecoderTests
{
    // The Solidity docs (Control Structures, "revert"): revert("Not enough Ether provided.") returns this data.
    private static readonly byte[] NotEnoughEther = HexBytes(
        "0x08c379a0",
        "0x0000000000000000000000000000000000000000000000000000000000000020",
        "0x000000000000000000000000000000000000000000000000000000000000001a",
        "0x4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");

    private static readonly AbiError InsufficientBalance = AbiError.Parse("error InsufficientBalance(uint256 available, uint256 required)");

    [Test]
    public void BuiltInSelectorsMatchTheSolidityDocs()
    {
        Assert.That(AbiError.ErrorString.SelectorHex, Is.EqualTo("0x08c379a0"));
        Assert.That(AbiError.Panic.SelectorHex, Is.EqualTo("0x4e487b71"));
    }

    [Test]
    public void DecodesErrorString()
    {
        DecodedRevert revert = new RevertDecoder().Decode(NotEnoughEther);
        Assert.That(revert.Kind, Is.EqualTo(RevertKind.ErrorString));
        Assert.That(revert.Reason, Is.EqualTo("Not enough Ether provided."));
        Assert.That(revert.Description, Is.EqualTo("Error(message=\"Not enough Ether provided.\")"));
        Assert.That(AbiError.ErrorString.Encode("Not enough Ether provided."), Is.EqualTo(NotEnoughEther));
    }

    [TestCase(0x01, "0x01 (assertion failed)")]
    [TestCase(0x11, "0x11 (arithmetic overflow or underflow)")]
    [TestCase(0x12, "0x12 (division or modulo by zero)")]
    [TestCase(0x21, "0x21 (invalid enum conversion)")]
    [TestCase(0x22, "0x22 (incorrectly encoded storage byte array)")]
    [TestCase(0x31, "0x31 (pop on an empty array)")]
    [TestCase(0x32, "0x32 (array index out of bounds)")]
    [TestCase(0x41, "0x41 (out of memory or array too large)")]
    [TestCase(0x51, "0x51 (call to a zero-initialized function variable)")]
    [TestCase(0x99, "0x99 (unknown panic code)")]
    public void DecodesPanicCodes(int code, string description)
    {
        DecodedRevert revert = new RevertDecoder().Decode(HexBytes("0x4e487b71", Word((ulong)code)));
        Assert.That(revert.Kind, Is.EqualTo(RevertKind.Panic));
        Assert.That(revert.PanicCode, Is.EqualTo(new BigInteger(code)));
        Assert.That(revert.Description, Is.EqualTo($"Panic({description})"));
    }

    [Test]
    public void DecodesCustomErrorsByName()
    {
        byte[] data = InsufficientBalance.Encode(1, 2);
        DecodedRevert revert = new RevertDecoder([InsufficientBalance]).Decode(data);
        Assert.That(revert.Kind, Is.EqualTo(RevertKind.CustomError));
        Assert.That(revert.Error, Is.SameAs(InsufficientBalance));
        Assert.That(revert.Arguments!["required"], Is.EqualTo(new BigInteger(2)));
        Assert.That(revert.Description, Is.EqualTo("InsufficientBalance(available=1, required=2)"));
        Assert.That(revert.Selector, Is.EqualTo(InsufficientBalance.SelectorHex));
    }

    [Test]
    public void ReportsUnknownSelector()
    {
        DecodedRevert revert = new RevertDecoder().Decode(HexBytes("0x12345678", Word(1)));
        Assert.That(revert.Kind, Is.EqualTo(RevertKind.UnknownSelector));
        Assert.That(revert.Description, Is.EqualTo("unknown selector 0x12345678 (36 bytes of revert data)"));
    }

    [Test]
    public void ReportsEmptyAndShortData()
    {
        var decoder = new RevertDecoder();
        Assert.That(decoder.Decode([]).Kind, Is.EqualTo(RevertKind.Empty));
        DecodedRevert shortData = decoder.Decode(HexBytes("0x08c379"));
        Assert.That(shortData.Kind, Is.EqualTo(RevertKind.Malformed));
        Assert.That(shortData.Description, Does.Contain("3 bytes is shorter than a 4-byte selector"));
    }

    [Test]
    public void ReportsMalformedArgumentsWithoutThrowing()
    {
        DecodedRevert revert = new RevertDecoder().Decode(NotEnoughEther.AsSpan(0, 60));
        Assert.That(revert.Kind, Is.EqualTo(RevertKind.Malformed));
        Assert.That(revert.Description, Does.StartWith("malformed revert data for Error(string): ABI decode:"));
    }

    [Test]
    public void RejectsCollidingErrorSelectors()
    {
        // A well-known 4-byte collision: both signatures hash to 0x42966c68.
        var burn = AbiError.Parse("error burn(uint256)");
        var clash = AbiError.Parse("error collate_propagate_storage(bytes16)");
        Assert.That(clash.SelectorValue, Is.EqualTo(burn.SelectorValue));
        var error = Assert.Throws<AbiException>(() => _ = new RevertDecoder([burn, clash]))!;
        Assert.That(error.Message, Does.Contain("burn(uint256) and collate_propagate_storage(bytes16) share selector 0x42966c68"));
        Assert.DoesNotThrow(() => _ = new RevertDecoder([burn, AbiError.Parse("error burn(uint256 amount)")]));
    }

    [Test]
    public void ErrorDecodeChecksTheSelector()
    {
        var error = Assert.Throws<AbiException>(() => InsufficientBalance.Decode(NotEnoughEther))!;
        Assert.That(error.Message, Does.Contain("revert data has selector 0x08c379a0, not " + InsufficientBalance.SelectorHex));
    }

    [Test]
    public void ErrorEncodeChecksTheArgumentCount()
    {
        var error = Assert.Throws<AbiException>(() => InsufficientBalance.Encode(1))!;
        Assert.That(error.Message, Does.Contain("InsufficientBalance(uint256,uint256) takes 2 arguments; got 1"));
    }

    [Test]
    public void ParsesAndPrintsErrors()
    {
        Assert.That(InsufficientBalance.ToString(), Is.EqualTo("error InsufficientBalance(uint256 available, uint256 required)"));
        Assert.That(Assert.Throws<AbiException>(() => AbiError.Parse("error E() view"))!.Message, Does.Contain("takes no modifiers"));
        Assert.That(Assert.Throws<AbiException>(() => AbiError.Parse("event E()"))!.Message, Does.Contain("declares an event, not an error"));
    }
}

public class WrappedRevertTests
{
    private static readonly AbiError Inner = AbiError.Parse("error InsufficientBalance(uint256 available, uint256 required)");
    private static readonly AbiError Wrapper = AbiError.Parse("error ExecutionFailed(bytes32 txHash, bytes returnData)");

    [Test]
    public void A_known_error_inside_a_bytes_argument_is_decoded_as_the_inner_revert()
    {
        byte[] inner = Inner.Encode(new BigInteger(1), new BigInteger(2));
        byte[] data = Wrapper.Encode(new byte[32], inner);

        DecodedRevert revert = new RevertDecoder([Inner, Wrapper]).Decode(data);

        Assert.That(revert.Inner!.Error, Is.SameAs(Inner));
        Assert.That(revert.Inner.Data, Is.EqualTo(inner));
        Assert.That(revert.Innermost, Is.SameAs(revert.Inner));
        Assert.That(revert.Description, Does.EndWith("caused by InsufficientBalance(available=1, required=2)"));
    }

    [Test]
    public void Nested_wrappers_unwrap_to_the_innermost_error_and_unknown_bytes_stay_bytes()
    {
        var decoder = new RevertDecoder([Inner, Wrapper]);
        byte[] twice = Wrapper.Encode(new byte[32], Wrapper.Encode(new byte[32], Inner.Encode(BigInteger.One, BigInteger.One)));
        byte[] opaque = Wrapper.Encode(new byte[32], new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x00 });

        Assert.That(decoder.Decode(twice).Innermost.Error, Is.SameAs(Inner));
        DecodedRevert unwrapped = decoder.Decode(opaque);
        Assert.That(unwrapped.Inner, Is.Null);
        Assert.That(unwrapped.Innermost, Is.SameAs(unwrapped));
    }

    [Test]
    public void A_describer_writes_the_description_of_custom_errors()
    {
        var decoder = new RevertDecoder([Inner], new UpperCaseDescriber());

        Assert.That(decoder.Decode(Inner.Encode(BigInteger.One, BigInteger.One)).Description, Is.EqualTo("INSUFFICIENTBALANCE"));
        Assert.That(decoder.Decode(AbiError.Panic.Encode(new BigInteger(1))).Description, Does.StartWith("Panic("), "built-ins keep their own description");
    }

    private sealed class UpperCaseDescriber : IRevertDescriber
    {
        public string Describe(AbiError error, AbiValues arguments, DecodedRevert? inner) => error.Name.ToUpperInvariant();
    }
}
