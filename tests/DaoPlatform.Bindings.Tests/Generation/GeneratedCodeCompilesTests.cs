using DaoPlatform.Bindings.Generator;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Bindings.Tests.Generation;

public sealed class GeneratedCodeCompilesTests
{
    [Test]
    public void Bindings_of_every_platform_contract_and_the_OpenZeppelin_ones_compile_without_diagnostics()
    {
        var artifacts = TestPaths.PlatformArtifacts();
        Assert.That(artifacts.Select(Path.GetFileName), Has.Member("ERC20.json").And.Member("ERC721.json").And.Member("Governor.json"));

        var files = BindingGenerator.Generate(artifacts, TestPaths.PlatformTypedData);
        var (assembly, diagnostics) = InMemoryCompiler.Compile(files);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
        Assert.That(assembly!.GetType("DaoPlatform.Contracts.OpenZeppelin.Erc20"), Is.Not.Null);
        Assert.That(assembly.GetType("DaoPlatform.Contracts.OpenZeppelin.Governor+Ballot"), Is.Not.Null, "typed-data.json gives Governor its EIP-712 Ballot");
    }

    [Test]
    public void The_snapshot_fixture_covering_every_type_and_name_rule_compiles_without_diagnostics()
    {
        var files = BindingGenerator.Generate([TestPaths.KitchenArtifact], TestPaths.KitchenTypedData);

        var (_, diagnostics) = InMemoryCompiler.Compile(files);

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void Generated_encode_methods_produce_the_calldata_of_the_ABI_codec()
    {
        var (assembly, diagnostics) = InMemoryCompiler.Compile(BindingGenerator.Generate([TestPaths.KitchenArtifact], TestPaths.KitchenTypedData));
        Assert.That(diagnostics, Is.Empty);
        var kitchen = assembly!.GetType("DaoPlatform.Contracts.Snapshots.Kitchen")!;
        var to = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

        var twoArguments = kitchen.GetMethod("EncodeTransferCall", [typeof(Address), typeof(System.Numerics.BigInteger)])!
            .Invoke(null, [to, new System.Numerics.BigInteger(7)]);
        var threeArguments = kitchen.GetMethod("EncodeTransferCall", [typeof(Address), typeof(System.Numerics.BigInteger), typeof(byte[])])!
            .Invoke(null, [to, new System.Numerics.BigInteger(7), new byte[] { 1, 2 }]);
        var allTypes = kitchen.GetMethod("EncodeAllTypesCall")!.Invoke(null,
            [(byte)1, (ushort)2, 3u, 4u, 5ul, 6ul, new System.Numerics.BigInteger(7), new System.Numerics.BigInteger(8),
             (sbyte)-1, (short)-2, -3, -4L, new System.Numerics.BigInteger(-5), new System.Numerics.BigInteger(-6)]);

        Assert.That(twoArguments, Is.EqualTo(AbiFunction.Parse("transfer(address,uint256)").EncodeCall(to, 7)));
        Assert.That(threeArguments, Is.EqualTo(AbiFunction.Parse("transfer(address,uint256,bytes)").EncodeCall(to, 7, new byte[] { 1, 2 })));
        Assert.That(allTypes, Is.EqualTo(AbiFunction.Parse(
            "allTypes(uint8,uint16,uint24,uint32,uint40,uint64,uint72,uint256,int8,int16,int32,int64,int128,int256)")
            .EncodeCall(1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6)));
    }

    [Test]
    public void Generated_struct_records_encode_as_nested_tuples()
    {
        var (assembly, diagnostics) = InMemoryCompiler.Compile(BindingGenerator.Generate([TestPaths.KitchenArtifact], TestPaths.KitchenTypedData));
        Assert.That(diagnostics, Is.Empty);
        var kitchen = assembly!.GetType("DaoPlatform.Contracts.Snapshots.Kitchen")!;
        var innerType = kitchen.GetNestedType("Inner")!;
        var orderType = kitchen.GetNestedType("Order")!;
        var owner = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var tag = new byte[32];
        tag[31] = 9;
        var inner = Activator.CreateInstance(innerType, owner, new List<byte[]> { tag })!;
        var order = Activator.CreateInstance(orderType, new System.Numerics.BigInteger(42), inner)!;
        var orders = Array.CreateInstance(orderType, 1);
        orders.SetValue(order, 0);

        var calldata = kitchen.GetMethod("EncodePlaceOrdersCall")!.Invoke(null, [order, orders]);

        object?[] tuple = [new System.Numerics.BigInteger(42), new object?[] { owner, new object?[] { tag } }];
        Assert.That(calldata, Is.EqualTo(AbiFunction.Parse(
            "placeOrders((uint256,(address,bytes32[])),(uint256,(address,bytes32[]))[])").EncodeCall(tuple, new object?[] { tuple })));
    }

    [Test]
    public async Task Deploying_bytecode_with_unlinked_libraries_is_refused_before_anything_is_sent()
    {
        var artifact = TestPaths.TemporaryArtifact(
            """{"contractName":"Linked","sourceName":"contracts/lib/Linked.sol","abi":[],"bytecode":"0x6080__$0123456789abcdef0123456789abcdef01$__00","linkReferences":{"contracts/lib/MathLib.sol":{"MathLib":[{"start":2,"length":20}]}}}""",
            "Linked");
        var (assembly, diagnostics) = InMemoryCompiler.Compile(BindingGenerator.Generate([artifact]));
        Assert.That(diagnostics, Is.Empty);
        // Nothing listens there: the refusal must come before any request.
        using var rpc = new JsonRpcClient(new Uri("http://127.0.0.1:9"));
        var connection = new ContractConnection(new EthRpcClient(rpc));

        var deploy = (Task)assembly!.GetType("DaoPlatform.Contracts.Lib.Linked")!.GetMethod("DeployAsync")!.Invoke(null, [connection, CancellationToken.None])!;

        var error = (await Assert.ThrowsAsync<InvalidOperationException>(async () => await deploy))!;
        Assert.That(error.Message, Is.EqualTo("Cannot deploy Linked: its bytecode needs the libraries contracts/lib/MathLib.sol:MathLib linked first."));
    }

    [Test]
    public void An_error_declared_by_two_libraries_and_an_event_by_an_interface_and_a_library_get_one_member_each()
    {
        // solc 0.8.37's ABI of `contract Twice is IPay` using libraries A and B, which both declare `error CustomError()`,
        // while A and IPay both declare `event Paid(address indexed to, uint256 amount)`: solc lists each twice.
        var artifact = TestPaths.TemporaryArtifact(
            """{"contractName":"Twice","sourceName":"contracts/Twice.sol","bytecode":"0x","abi":[{"inputs":[],"name":"CustomError","type":"error"},{"inputs":[],"name":"CustomError","type":"error"},{"anonymous":false,"inputs":[{"indexed":true,"internalType":"address","name":"to","type":"address"},{"indexed":false,"internalType":"uint256","name":"amount","type":"uint256"}],"name":"Paid","type":"event"},{"anonymous":false,"inputs":[{"indexed":true,"internalType":"address","name":"to","type":"address"},{"indexed":false,"internalType":"uint256","name":"amount","type":"uint256"}],"name":"Paid","type":"event"},{"inputs":[{"internalType":"bool","name":"c","type":"bool"}],"name":"run","outputs":[],"stateMutability":"nonpayable","type":"function"}]}""",
            "Twice");

        var (assembly, diagnostics) = InMemoryCompiler.Compile(BindingGenerator.Generate([artifact]));

        Assert.That(diagnostics.Select(d => d.ToString()), Is.Empty);
        var twice = assembly!.GetType("DaoPlatform.Contracts.Twice")!;
        Assert.That(twice.GetNestedTypes().Select(t => t.Name), Has.Exactly(1).StartsWith("CustomError").And.Exactly(1).StartsWith("Paid"));
    }
}
