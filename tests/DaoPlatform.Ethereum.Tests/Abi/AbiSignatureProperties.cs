using DaoPlatform.Ethereum.Abi;
using FsCheck;
using FsCheck.Fluent;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class AbiSignatureProperties
{
    private static Gen<AbiParameter[]> Parameters(int maxCount) =>
        Gen.Choose(0, maxCount).SelectMany(n => Gen.ArrayOf(Types(2), n)).Select(types =>
            types.Select((type, i) => new AbiParameter(i % 2 == 0 ? "p" + i : "", type)).ToArray());

    [FsCheckProperty(MaxTest = 200)]
    public Property HumanReadableFunctionsParseBack() => Prop.ForAll(Arb.From(Parameters(4)), Arb.From(Parameters(2)), (inputs, outputs) =>
    {
        var function = new AbiFunction("call_1", inputs, outputs, AbiStateMutability.View);
        AbiFunction parsed = AbiFunction.Parse(function.ToString());
        return parsed.Signature == function.Signature
            && parsed.SelectorValue == function.SelectorValue
            && parsed.ToString() == function.ToString()
            && parsed.Outputs.Count == outputs.Length
            && parsed.StateMutability == AbiStateMutability.View;
    });

    // Indexed value types come back from their topics; hashed types come back as the hash EncodeTopic computes.
    [FsCheckProperty(MaxTest = 200)]
    public Property EventLogsRoundTrip() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(TypedValueGen(), 3)), Arb.From(Gen.Choose(0, 7)), (fields, mask) =>
        {
            var inputs = fields.Select((f, i) => new AbiParameter("f" + i, f.Type, indexed: (mask & (1 << i)) != 0)).ToArray();
            var abiEvent = new AbiEvent("Logged", inputs);
            object?[] values = fields.Select(f => f.Value).ToArray();
            (byte[][] topics, byte[] data) = abiEvent.EncodeLog(values);
            AbiValues decoded = abiEvent.DecodeLog(topics, data);
            for (int i = 0; i < fields.Length; i++)
            {
                object? expected = inputs[i].Indexed && fields[i].Type.IsHashedWhenIndexed
                    ? new AbiIndexedHash(abiEvent.EncodeTopic(i, values[i]))
                    : values[i];
                if (!DeepEquals(decoded[i], expected))
                {
                    return false;
                }
            }
            return topics.Length == 1 + abiEvent.IndexedCount;
        });
}
