using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Signed;

/// <summary>
/// The fields of the signed files, read strictly: an address as 0x-hex (EIP-55 checked when mixed case), an integer as
/// a decimal string (256-bit values do not fit a JSON number), the chain id as a JSON number, the signature as 0x-hex.
/// Every error names the field.
/// </summary>
internal static class SignedFields
{
    public static string Text(JsonObject json, string name) =>
        json[name] switch
        {
            null => throw Missing(name),
            JsonValue value when value.TryGetValue(out string? text) => text,
            JsonNode other => throw new SignedFileException($"the field '{name}' is not a string: {Shorten(other.ToJsonString())}", name),
        };

    public static Address Address(JsonObject json, string name)
    {
        string text = Text(json, name);
        try
        {
            return Ethereum.Primitives.Address.Parse(text);
        }
        catch (FormatException e)
        {
            throw new SignedFileException($"the field '{name}' is not an address: '{Shorten(text)}' ({e.Message})", name, e);
        }
    }

    public static BigInteger Integer(JsonObject json, string name)
    {
        string text = Text(json, name);
        return text.Length > 0 && text.All(char.IsAsciiDigit)
            ? BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new SignedFileException($"the field '{name}' is not a non-negative decimal integer: '{Shorten(text)}'", name);
    }

    public static ulong ChainId(JsonObject json)
    {
        const string name = "chainId";
        return json[name] switch
        {
            null => throw Missing(name),
            JsonValue value when value.TryGetValue(out ulong id) && id > 0 => id,
            JsonNode other => throw new SignedFileException($"the field '{name}' is not a chain id (a positive JSON number): {Shorten(other.ToJsonString())}", name),
        };
    }

    public static byte[] Signature(JsonObject json)
    {
        const string name = "signature";
        string text = Text(json, name);
        byte[] bytes;
        try
        {
            bytes = HexConvert.Decode(text);
        }
        catch (FormatException e)
        {
            throw new SignedFileException($"the field '{name}' is not 0x-prefixed hex: '{Shorten(text)}' ({e.Message})", name, e);
        }
        return bytes.Length == 65 ? bytes : throw new SignedFileException($"the field '{name}' has {bytes.Length} bytes, not 65 (r ‖ s ‖ v)", name);
    }

    public static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static SignedFileException Missing(string name) => new($"the field '{name}' is missing", name);

    private static string Shorten(string text) => text.Length > 48 ? text[..48] + "…" : text;
}
