using System.Text.Json;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>Field readers that name the missing or malformed field by its path.</summary>
internal static class KeystoreJson
{
    public static JsonElement ReadObject(JsonElement parent, string name, string path)
    {
        JsonElement value = Get(parent, name, path);
        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new KeystoreException($"Keystore: {path} must be a JSON object; got {value.ValueKind.ToString().ToLowerInvariant()}.");
    }

    public static string ReadString(JsonElement parent, string name, string path)
    {
        JsonElement value = Get(parent, name, path);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new KeystoreException($"Keystore: {path} must be a string; got {value.GetRawText()}.");
    }

    public static byte[] ReadHex(JsonElement parent, string name, string path)
    {
        string text = ReadString(parent, name, path);
        try
        {
            return HexConvert.Decode(text);
        }
        catch (FormatException error)
        {
            throw new KeystoreException($"Keystore: {path} is not hex: {error.Message}", error);
        }
    }

    private static JsonElement Get(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out JsonElement value) ? value : throw new KeystoreException($"Keystore: {path} is missing.");
}
