using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class ContractAbiTests
{
    // The shape solc emits (internalType included), with an overload, a custom error and the special entries.
    private const string TokenAbi = """
        [
          { "type": "constructor", "stateMutability": "nonpayable", "inputs": [
            { "name": "name_", "type": "string", "internalType": "string" }, { "name": "supply", "type": "uint256", "internalType": "uint256" } ] },
          { "type": "function", "name": "transfer", "stateMutability": "nonpayable",
            "inputs": [ { "name": "to", "type": "address", "internalType": "address" }, { "name": "amount", "type": "uint256", "internalType": "uint256" } ],
            "outputs": [ { "name": "", "type": "bool", "internalType": "bool" } ] },
          { "type": "function", "name": "safeTransferFrom", "stateMutability": "nonpayable",
            "inputs": [ { "name": "from", "type": "address" }, { "name": "to", "type": "address" }, { "name": "id", "type": "uint256" } ], "outputs": [] },
          { "type": "function", "name": "safeTransferFrom", "stateMutability": "nonpayable",
            "inputs": [ { "name": "from", "type": "address" }, { "name": "to", "type": "address" }, { "name": "id", "type": "uint256" }, { "name": "data", "type": "bytes" } ], "outputs": [] },
          { "type": "function", "name": "orders", "stateMutability": "view", "inputs": [],
            "outputs": [ { "name": "", "type": "tuple[2][]", "internalType": "struct Book.Order[2][]", "components": [
              { "name": "maker", "type": "address", "internalType": "address" }, { "name": "amount", "type": "uint128", "internalType": "uint128" } ] } ] },
          { "type": "event", "name": "Transfer", "anonymous": false, "inputs": [
            { "name": "from", "type": "address", "indexed": true }, { "name": "to", "type": "address", "indexed": true }, { "name": "value", "type": "uint256", "indexed": false } ] },
          { "type": "error", "name": "InsufficientBalance", "inputs": [ { "name": "available", "type": "uint256" }, { "name": "required", "type": "uint256" } ] },
          { "type": "fallback", "stateMutability": "payable" },
          { "type": "receive", "stateMutability": "payable" }
        ]
        """;

    private static readonly ContractAbi Token = ContractAbi.Parse(TokenAbi);

    [Test]
    public void ReadsEveryKindOfEntry()
    {
        Assert.That(Token.Functions, Has.Count.EqualTo(4));
        Assert.That(Token.Events.Single().Signature, Is.EqualTo("Transfer(address,address,uint256)"));
        Assert.That(Token.Errors.Single().Signature, Is.EqualTo("InsufficientBalance(uint256,uint256)"));
        Assert.That(Token.Constructor!.Inputs.Select(p => p.Name), Is.EqualTo((string[])["name_", "supply"]));
        Assert.That(Token.Fallback, Is.EqualTo(AbiStateMutability.Payable));
        Assert.That(Token.HasReceive, Is.True);
    }

    [Test]
    public void KeepsInternalTypesAndTupleArrays()
    {
        AbiParameter output = Token.GetFunction("orders").Outputs[0];
        Assert.That(output.InternalType, Is.EqualTo("struct Book.Order[2][]"));
        Assert.That(output.Type.Name, Is.EqualTo("(address,uint128)[2][]"));
        var order = (AbiTuple)((AbiFixedArray)((AbiDynamicArray)output.Type).Element).Element;
        Assert.That(order.Components[0].Name, Is.EqualTo("maker"));
    }

    [Test]
    public void LooksUpFunctionsByNameSignatureAndSelector()
    {
        AbiFunction transfer = Token.GetFunction("transfer");
        Assert.That(Token.GetFunction("transfer(address,uint)"), Is.SameAs(transfer));
        Assert.That(Token.FindFunction(0xa9059cbbu), Is.SameAs(transfer));
        Assert.That(Token.FindFunction(transfer.EncodeCall(Address.Zero, 1)), Is.SameAs(transfer));
        Assert.That(Token.FindFunction(0x12345678u), Is.Null);
        Assert.That(Token.FindFunction(new byte[3]), Is.Null);
        Assert.That(Token.GetFunctions("safeTransferFrom"), Has.Count.EqualTo(2));
        Assert.That(Token.GetFunction("safeTransferFrom(address,address,uint256,bytes)").Inputs, Has.Count.EqualTo(4));
    }

    [Test]
    public void OverloadedNameAsksForASignature()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Token.GetFunction("safeTransferFrom"))!;
        Assert.That(error.Message, Does.Contain("safeTransferFrom(address,address,uint256), safeTransferFrom(address,address,uint256,bytes)"));
        Assert.That(Assert.Throws<KeyNotFoundException>(() => Token.GetFunction("mint"))!.Message, Does.Contain("no function named 'mint'"));
        Assert.That(Assert.Throws<KeyNotFoundException>(() => Token.GetFunction("mint(uint256)"))!.Message, Does.Contain("no function mint(uint256)"));
    }

    [Test]
    public void LooksUpEventsAndErrors()
    {
        AbiEvent transfer = Token.GetEvent("Transfer");
        Assert.That(Token.FindEvent(transfer.Topic0), Is.SameAs(transfer));
        Assert.That(Token.GetEvent("Transfer(address,address,uint256)"), Is.SameAs(transfer));
        Assert.That(Token.FindEvent(new byte[32]), Is.Null);
        AbiError insufficient = Token.GetError("InsufficientBalance");
        Assert.That(Token.FindError(insufficient.SelectorValue), Is.SameAs(insufficient));
        Assert.Throws<KeyNotFoundException>(() => Token.GetEvent("Approval"));
        Assert.Throws<KeyNotFoundException>(() => Token.GetError("Nope"));
    }

    [Test]
    public void RevertDecoderKnowsTheCustomErrors()
    {
        DecodedRevert revert = Token.CreateRevertDecoder().Decode(Token.GetError("InsufficientBalance").Encode(5, BigInteger.Pow(10, 18)));
        Assert.That(revert.Description, Is.EqualTo("InsufficientBalance(available=5, required=1000000000000000000)"));
    }

    [Test]
    public void EncodesConstructorArgumentsAfterTheBytecode()
    {
        byte[] bytecode = [0x60, 0x80];
        byte[] deployment = Token.Constructor!.EncodeDeployment(bytecode, "DAO", 1000);
        Assert.That(deployment[..2], Is.EqualTo(bytecode));
        Assert.That(deployment[2..], Is.EqualTo(HexBytes(Word(0x40), Word(1000), Word(3), "44414f0000000000000000000000000000000000000000000000000000000000")));
        Assert.That(Token.Constructor.DecodeArguments(deployment.AsSpan(2))["name_"], Is.EqualTo("DAO"));
        Assert.That(Assert.Throws<AbiException>(() => Token.Constructor.EncodeArguments("DAO"))!.Message, Does.Contain("constructor(string,uint256) takes 2 arguments; got 1"));
    }

    [Test]
    public void ReadsHardhatArtifactsAndLegacyMutability()
    {
        const string artifact = """
            { "contractName": "Old", "abi": [ { "name": "get", "constant": true, "inputs": [], "outputs": [ { "name": "", "type": "uint256" } ] },
                                               { "type": "function", "name": "pay", "payable": true, "inputs": [] } ] }
            """;
        ContractAbi abi = ContractAbi.Parse(artifact);
        Assert.That(abi.GetFunction("get").StateMutability, Is.EqualTo(AbiStateMutability.View));
        Assert.That(abi.GetFunction("pay").StateMutability, Is.EqualTo(AbiStateMutability.Payable));
    }

    [TestCase("{ \"x\": 1 }", "the root is a Object; expected an array of entries")]
    [TestCase("[ { \"type\": \"function\", \"name\": ", "not valid JSON")]
    [TestCase("[ 5 ]", "entry 0: it is a Number, not an object")]
    [TestCase("[ { \"type\": \"function\" } ]", "entry 0: 'name' is missing")]
    [TestCase("[ { \"type\": \"gadget\", \"name\": \"g\" } ]", "entry 0 (g): unknown entry type 'gadget'")]
    [TestCase("[ {\"type\":\"receive\"}, { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"x\", \"type\": \"uint257\" } ] } ]",
        "entry 1 (f): parameter 'x': ABI type: uint257 is not a valid type")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"s\", \"type\": \"tuple\" } ] } ]", "entry 0 (f): 'components' is missing (at inputs[0])")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"x\" } ] } ]", "entry 0 (f): parameter 'x' has no 'type' (at inputs[0])")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"x\", \"type\": \"uint256\", \"indexed\": true } ] } ]", "parameter 'x' is 'indexed' outside an event")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"x\", \"type\": \"uint256\", \"components\": [ { \"type\": \"bool\" } ] } ] } ]", "has 'components'; only tuples do")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"stateMutability\": \"lazy\" } ]", "entry 0 (f): unknown stateMutability 'lazy'")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\" }, { \"type\": \"function\", \"name\": \"f\", \"stateMutability\": \"view\" } ]",
        "entry 1 (f): function f() is declared twice, returning () NonPayable and () View")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"outputs\": [ { \"type\": \"bool\" } ] }, { \"type\": \"function\", \"name\": \"f\" } ]",
        "entry 1 (f): function f() is declared twice, returning (bool) NonPayable and () NonPayable")]
    [TestCase("[ { \"type\": \"event\", \"name\": \"E\", \"inputs\": [ { \"type\": \"uint256\", \"indexed\": true } ] }, { \"type\": \"event\", \"name\": \"E\", \"inputs\": [ { \"type\": \"uint256\" } ] } ]",
        "entry 1 (E): event E(uint256) is declared twice with different indexed parameters: (uint256 indexed) and (uint256)")]
    [TestCase("[ { \"type\": \"error\", \"name\": \"transfer\", \"inputs\": [ { \"type\": \"address\" }, { \"type\": \"uint256\" } ] }, { \"type\": \"error\", \"name\": \"many_msg_babbage\", \"inputs\": [ { \"type\": \"bytes1\" } ] } ]",
        "entry 1 (many_msg_babbage): error many_msg_babbage(bytes1) has the selector 0xa9059cbb of transfer(address,uint256)")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"burn\", \"inputs\": [ { \"type\": \"uint256\" } ] }, { \"type\": \"function\", \"name\": \"collate_propagate_storage\", \"inputs\": [ { \"type\": \"bytes16\" } ] } ]",
        "entry 1 (collate_propagate_storage): function collate_propagate_storage(bytes16) has the selector 0x42966c68 of burn(uint256)")]
    [TestCase("[ { \"type\": \"constructor\" }, { \"type\": \"constructor\" } ]", "entry 1: a second constructor")]
    [TestCase("[ { \"type\": \"event\", \"name\": \"E\", \"anonymous\": \"no\" } ]", "entry 0 (E): 'anonymous' is a String, not a boolean")]
    [TestCase("[ { \"type\": \"function\", \"name\": \"f\", \"inputs\": [ { \"name\": \"s\", \"type\": \"tuple[0]\", \"components\": [] } ] } ]", "'0' is not a valid array length")]
    public void MalformedAbiNamesTheEntryAndTheProblem(string json, string message)
    {
        var error = Assert.Throws<AbiException>(() => ContractAbi.Parse(json))!;
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void RepeatedErrorFromTwoLibrariesIsKeptOnce()
    {
        // solc's output when two libraries used by one contract declare the same error.
        ContractAbi abi = ContractAbi.Parse("""[ {"inputs":[],"name":"CustomError","type":"error"}, {"inputs":[],"name":"CustomError","type":"error"} ]""");
        Assert.That(abi.Errors.Select(e => e.Signature), Is.EqualTo((string[])["CustomError()"]));
        Assert.That(abi.GetError("CustomError").SelectorHex, Is.EqualTo("0x09caebf3"));
        Assert.That(abi.FindError(0x09caebf3), Is.SameAs(abi.Errors[0]));
    }

    [Test]
    public void RepeatedEntriesWithOtherParameterNamesMergeIntoTheFirst()
    {
        // An interface and a library declaring one event, each naming its parameters its own way; likewise an error.
        ContractAbi abi = ContractAbi.Parse("""
            [ { "type": "event", "name": "Paid", "anonymous": false, "inputs": [ { "name": "to", "type": "address", "indexed": true }, { "name": "amount", "type": "uint256", "indexed": false } ] },
              { "type": "error", "name": "Denied", "inputs": [ { "name": "caller", "type": "address" } ] },
              { "type": "event", "name": "Paid", "anonymous": false, "inputs": [ { "name": "payee", "type": "address", "indexed": true }, { "name": "value", "type": "uint256", "indexed": false } ] },
              { "type": "error", "name": "Denied", "inputs": [ { "name": "account", "type": "address" } ] },
              { "type": "event", "name": "Raw", "anonymous": true, "inputs": [ { "name": "x", "type": "uint256", "indexed": true } ] },
              { "type": "event", "name": "Raw", "anonymous": true, "inputs": [ { "name": "y", "type": "uint256", "indexed": true } ] },
              { "type": "function", "name": "f", "stateMutability": "view", "inputs": [ { "name": "a", "type": "uint8" } ], "outputs": [ { "name": "", "type": "bool" } ] },
              { "type": "function", "name": "f", "stateMutability": "view", "inputs": [ { "name": "b", "type": "uint8" } ], "outputs": [ { "name": "ok", "type": "bool" } ] } ]
            """);
        Assert.That(abi.Events.Select(e => e.Signature), Is.EqualTo((string[])["Paid(address,uint256)", "Raw(uint256)"]));
        Assert.That(abi.GetEvent("Paid").Inputs.Select(p => p.Name), Is.EqualTo((string[])["to", "amount"]));
        Assert.That(abi.GetError("Denied").Inputs[0].Name, Is.EqualTo("caller"));
        Assert.That(abi.GetFunction("f").Inputs[0].Name, Is.EqualTo("a"));
    }

    [Test]
    public void BuildsFromHumanReadableSignatures()
    {
        ContractAbi abi = ContractAbi.FromSignatures(
        [
            "constructor(string name) payable",
            "function transfer(address to, uint256 amount) returns (bool)",
            "event Transfer(address indexed from, address indexed to, uint256 value)",
            "error Unauthorized(address caller)",
            "fallback() external",
            "receive() external payable",
        ]);
        Assert.That(abi.Constructor!.StateMutability, Is.EqualTo(AbiStateMutability.Payable));
        Assert.That(abi.GetFunction("transfer").SelectorHex, Is.EqualTo("0xa9059cbb"));
        Assert.That(abi.GetEvent("Transfer").Topic0Hex, Is.EqualTo(Token.GetEvent("Transfer").Topic0Hex));
        Assert.That(abi.GetError("Unauthorized").Inputs[0].Name, Is.EqualTo("caller"));
        Assert.That(abi.Fallback, Is.EqualTo(AbiStateMutability.NonPayable));
        Assert.That(abi.HasReceive, Is.True);
    }

    [Test]
    public void MalformedSignatureNamesItsIndex()
    {
        var error = Assert.Throws<AbiException>(() => ContractAbi.FromSignatures(["function a()", "receive()", "receive()"]))!;
        Assert.That(error.Message, Does.Contain("entry 2 ('receive()'): a second receive"));
    }

    [Test]
    public void DecodesLogsOfKnownEvents()
    {
        AbiEvent transfer = Token.GetEvent("Transfer");
        (byte[][] topics, byte[] data) = transfer.EncodeLog(Address.Zero, Address.Zero, 9);
        Assert.That(Token.TryDecodeLog(topics, data, out AbiEvent? found, out AbiValues? values), Is.True);
        Assert.That(found, Is.SameAs(transfer));
        Assert.That(values!["value"], Is.EqualTo(new BigInteger(9)));
        Assert.That(Token.TryDecodeLog([new byte[32]], data, out _, out _), Is.False);
        Assert.That(Token.TryDecodeLog([], data, out _, out _), Is.False);
        Assert.Throws<AbiException>(() => Token.TryDecodeLog(topics[..2], data, out _, out _));
    }
}
