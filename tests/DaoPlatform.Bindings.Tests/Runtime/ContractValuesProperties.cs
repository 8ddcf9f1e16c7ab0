using System.Numerics;
using System.Reflection;
using DaoPlatform.Bindings.Generator;
using DaoPlatform.Bindings.Tests.Generation;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Bindings.Tests.Runtime;

/// <summary>
/// Round trips through the ABI codec: a typed C# value, as the bindings hand it to the codec, encodes and decodes
/// back (via <see cref="ContractValues"/> or a generated record) to the same value.
/// </summary>
public sealed class ContractValuesProperties
{
    private static readonly Lazy<Assembly> s_kitchen = new(() =>
        InMemoryCompiler.Compile(BindingGenerator.Generate([TestPaths.KitchenArtifact], TestPaths.KitchenTypedData)).Assembly
            ?? throw new InvalidOperationException("The Kitchen snapshot does not compile."));

    private static object? RoundTrip(AbiType type, object? value) => type.Decode(type.Encode(value));

    [FsCheckProperty]
    public bool Byte_round_trips_as_uint8(byte value) => ContractValues.ToByte(RoundTrip(new AbiUInt(8), value)) == value;

    [FsCheckProperty]
    public bool UInt16_round_trips_as_uint16(ushort value) => ContractValues.ToUInt16(RoundTrip(new AbiUInt(16), value)) == value;

    [FsCheckProperty]
    public bool UInt32_round_trips_as_uint32(uint value) => ContractValues.ToUInt32(RoundTrip(new AbiUInt(32), value)) == value;

    [FsCheckProperty]
    public bool UInt64_round_trips_as_uint64(ulong value) => ContractValues.ToUInt64(RoundTrip(new AbiUInt(64), value)) == value;

    [FsCheckProperty]
    public bool SByte_round_trips_as_int8(sbyte value) => ContractValues.ToSByte(RoundTrip(new AbiInt(8), value)) == value;

    [FsCheckProperty]
    public bool Int16_round_trips_as_int16(short value) => ContractValues.ToInt16(RoundTrip(new AbiInt(16), value)) == value;

    [FsCheckProperty]
    public bool Int32_round_trips_as_int32(int value) => ContractValues.ToInt32(RoundTrip(new AbiInt(32), value)) == value;

    [FsCheckProperty]
    public bool Int64_round_trips_as_int64(long value) => ContractValues.ToInt64(RoundTrip(new AbiInt(64), value)) == value;

    [FsCheckProperty]
    public bool Lists_round_trip_as_dynamic_arrays(int[] values)
    {
        var type = new AbiDynamicArray(new AbiInt(32));

        var decoded = ContractValues.ToList(RoundTrip(type, ContractValues.FromList(values, static e => (object?)e)), ContractValues.ToInt32);

        return decoded.SequenceEqual(values);
    }

    [FsCheckProperty(MaxTest = 50)]
    public bool Generated_struct_records_round_trip_through_calldata(long id, byte[][] tags, byte ownerSeed)
    {
        var kitchen = s_kitchen.Value.GetType("DaoPlatform.Contracts.Snapshots.Kitchen")!;
        var innerType = kitchen.GetNestedType("Inner")!;
        var orderType = kitchen.GetNestedType("Order")!;
        var tagList = tags.Where(t => t is not null).Select(t => t.Concat(new byte[32]).Take(32).ToArray()).ToList();
        var inner = Activator.CreateInstance(innerType, new Address(Enumerable.Repeat(ownerSeed, 20).ToArray()), tagList)!;
        var order = Activator.CreateInstance(orderType, BigInteger.Abs(id), inner)!;
        var orders = Array.CreateInstance(orderType, 0);

        var calldata = (byte[])kitchen.GetMethod("EncodePlaceOrdersCall")!.Invoke(null, [order, orders])!;
        var arguments = AbiFunction.Parse("placeOrders((uint256,(address,bytes32[])),(uint256,(address,bytes32[]))[])").DecodeCall(calldata);
        var decoded = orderType.GetMethod("FromAbi", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [arguments[0]])!;

        var decodedInner = orderType.GetProperty("Inner")!.GetValue(decoded)!;
        var decodedTags = (IReadOnlyList<byte[]>)innerType.GetProperty("Tags")!.GetValue(decodedInner)!;
        return orderType.GetProperty("Id")!.GetValue(decoded)!.Equals(BigInteger.Abs(id))
            && innerType.GetProperty("Owner")!.GetValue(decodedInner)!.Equals(innerType.GetProperty("Owner")!.GetValue(inner))
            && decodedTags.Count == tagList.Count
            && decodedTags.Zip(tagList).All(pair => pair.First.SequenceEqual(pair.Second));
    }

    [Test]
    public void A_value_of_the_wrong_shape_names_what_was_expected() =>
        Assert.That(Assert.Throws<AbiException>(() => ContractValues.ToAddress("0x12"))!.Message, Is.EqualTo("Binding decode: expected an Address; got String."));
}
