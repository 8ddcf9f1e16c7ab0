using System.Collections;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Selector-prefixed encoding shared by function calls and custom errors.</summary>
internal static class AbiSelectorCodec
{
    public static byte[] Encode(uint selector, AbiTuple parameters, IList arguments, string signature)
    {
        CheckArgumentCount(parameters, arguments, signature);
        byte[] buffer = new byte[AbiSelector.Length + parameters.GetEncodedSize(arguments)];
        AbiSelector.Write(buffer, selector);
        parameters.Encode(arguments, buffer.AsSpan(AbiSelector.Length));
        return buffer;
    }

    public static object?[] Decode(uint selector, AbiTuple parameters, ReadOnlySpan<byte> data, string signature, string what)
    {
        if (data.Length < AbiSelector.Length)
        {
            throw new AbiException($"ABI decode: {what} of {data.Length} bytes is shorter than a 4-byte selector.");
        }
        uint found = AbiSelector.Read(data);
        if (found != selector)
        {
            throw new AbiException($"ABI decode: {what} has selector {AbiSelector.ToHex(found)}, not {AbiSelector.ToHex(selector)} of {signature}.");
        }
        int position = AbiSelector.Length;
        return parameters.DecodeValues(data, ref position);
    }

    public static void CheckArgumentCount(AbiTuple parameters, IList arguments, string signature)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count != parameters.Components.Count)
        {
            throw new AbiException($"ABI encode: {signature} takes {parameters.Components.Count} arguments; got {arguments.Count}.");
        }
    }
}
