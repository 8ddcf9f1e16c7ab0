using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// Reading and writing the JSON-RPC encodings of Ethereum values: quantities (<c>0x</c> hex without
/// leading zeros, <c>0x0</c> for zero), data (<c>0x</c> hex, two digits per byte), addresses and
/// hashes. Every reader takes the path of the value in the answer (e.g. <c>eth_getBlockByNumber
/// result.baseFeePerGas</c>) and rejects non-canonical input with an <see cref="RpcProtocolException"/> naming it.
/// </summary>
internal static class RpcJson
{
    public static string FormatQuantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A JSON-RPC quantity cannot be negative.");
        }
        return value.IsZero ? "0x0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
    }

    public static string FormatQuantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static BigInteger ReadQuantity(JsonElement element, string path)
    {
        string text = ReadString(element, path, "a hex quantity");
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length == 2)
        {
            throw new RpcProtocolException($"{path}: quantity '{text}' must be 0x followed by hex digits.");
        }
        ReadOnlySpan<char> digits = text.AsSpan(2);
        if (digits.Length > 1 && digits[0] == '0')
        {
            throw new RpcProtocolException($"{path}: quantity '{text}' has a leading zero.");
        }
        if (digits.Length > 64)
        {
            throw new RpcProtocolException($"{path}: quantity '{text}' exceeds 256 bits.");
        }
        for (int i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiHexDigit(digits[i]))
            {
                throw new RpcProtocolException($"{path}: quantity '{text}' has the non-hex character '{digits[i]}' at position {i + 2}.");
            }
        }
        // The leading "0" makes the parse unsigned.
        return BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static ulong ReadUInt64(JsonElement element, string path)
    {
        BigInteger value = ReadQuantity(element, path);
        if (value > ulong.MaxValue)
        {
            throw new RpcProtocolException($"{path}: quantity {value} does not fit in 64 bits.");
        }
        return (ulong)value;
    }

    public static byte[] ReadData(JsonElement element, string path)
    {
        string text = ReadString(element, path, "0x-prefixed hex data");
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new RpcProtocolException($"{path}: data '{Shorten(text)}' lacks the 0x prefix.");
        }
        try
        {
            return HexConvert.Decode(text);
        }
        catch (FormatException e)
        {
            throw new RpcProtocolException($"{path}: data '{Shorten(text)}' is not valid hex: {e.Message}", e);
        }
    }

    public static byte[] ReadFixedData(JsonElement element, string path, int length)
    {
        byte[] bytes = ReadData(element, path);
        if (bytes.Length != length)
        {
            throw new RpcProtocolException($"{path}: expected {length} bytes, got {bytes.Length}.");
        }
        return bytes;
    }

    public static string ReadHash(JsonElement element, string path) =>
        HexConvert.Encode(ReadFixedData(element, path, 32));

    public static Address ReadAddress(JsonElement element, string path) =>
        new(ReadFixedData(element, path, Address.Length));

    public static bool ReadBool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new RpcProtocolException($"{path}: expected true or false, got {element.ValueKind}."),
    };

    public static string ReadString(JsonElement element, string path, string expected)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new RpcProtocolException($"{path}: expected {expected} (a JSON string), got {element.ValueKind}.");
        }
        return element.GetString()!;
    }

    /// <summary>The member <paramref name="name"/> of an object; throws when it is absent.</summary>
    public static JsonElement Required(JsonElement obj, string name, string path)
    {
        RequireObject(obj, path);
        if (!obj.TryGetProperty(name, out JsonElement value))
        {
            throw new RpcProtocolException($"{path}: the member '{name}' is missing.");
        }
        return value;
    }

    /// <summary>The member <paramref name="name"/> of an object, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name, string path)
    {
        RequireObject(obj, path);
        return obj.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RpcProtocolException($"{path}: expected a JSON object, got {element.ValueKind}.");
        }
    }

    public static void RequireArray(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new RpcProtocolException($"{path}: expected a JSON array, got {element.ValueKind}.");
        }
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
