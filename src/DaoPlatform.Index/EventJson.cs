using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Index;

/// <summary>
/// The JSON the index stores events in and the hub's API answers with: integers of any size as decimal strings
/// (a JavaScript number loses wei), addresses checksummed, byte strings as 0x-hex.
/// </summary>
public static class EventJson
{
    /// <summary>The serializer options with the converters above (camelCase names).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Writes <paramref name="value"/>.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The text is not one.</exception>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"the JSON is null, not a {typeof(T).Name}");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new BigIntegerConverter());
        options.Converters.Add(new AddressConverter());
        options.Converters.Add(new BytesConverter());
        // A task's phase as the command line names it ("test-set-reveal", "challenge-window").
        options.Converters.Add(new JsonStringEnumConverter<Protocol.Rules.TaskPhase>(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class BigIntegerConverter : JsonConverter<BigInteger>
    {
        public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && BigInteger.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger value)
                ? value
                : throw new JsonException("an integer is written as a decimal string");

        public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class AddressConverter : JsonConverter<Address>
    {
        public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Address.TryParse(reader.GetString(), out Address address, out string? error) ? address : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToChecksumString());
    }

    private sealed class BytesConverter : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string text = reader.GetString() ?? throw new JsonException("bytes are written as a 0x-hex string");
            try
            {
                return HexConvert.Decode(text);
            }
            catch (FormatException e)
            {
                throw new JsonException($"bytes are written as a 0x-hex string: {e.Message}", e);
            }
        }

        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
            writer.WriteStringValue(HexConvert.Encode(value));
    }
}
