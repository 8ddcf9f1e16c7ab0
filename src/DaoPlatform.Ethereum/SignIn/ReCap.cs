using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaoPlatform.Ethereum.SignIn;

/// <summary>
/// A ReCap (EIP-5573): capabilities a Sign-In with Ethereum message grants, as the resource
/// <c>urn:recap:</c> + unpadded base64url of a canonical (JCS) JSON Details Object
/// <c>{"att": {resource: {"namespace/ability": [caveat objects]}}, "prf": [CIDs]}</c>, stated in words at the
/// end of the message's statement. The platform uses it to scope a session to one asset
/// (<see cref="ForResource"/>).
/// </summary>
public sealed class ReCap
{
    /// <summary>The URI prefix of a ReCap resource.</summary>
    public const string UriPrefix = "urn:recap:";

    private const string StatementPrefix = "I further authorize the stated URI to perform the following actions on my behalf:";

    private readonly JsonObject _details;

    private ReCap(JsonObject details)
    {
        _details = details;
    }

    /// <summary>The resources and, for each, the abilities (<c>namespace/name</c>) granted on it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Abilities =>
        Attenuations.ToDictionary(static pair => pair.Key, static pair => (IReadOnlyList<string>)[.. ((JsonObject)pair.Value!).Select(static a => a.Key).Order(StringComparer.Ordinal)], StringComparer.Ordinal);

    /// <summary>The proofs (<c>prf</c>): CIDs of capabilities this one is delegated from.</summary>
    public IReadOnlyList<string> Proofs => _details["prf"] is JsonArray proofs ? [.. proofs.Select(static p => p!.GetValue<string>())] : [];

    private JsonObject Attenuations => (JsonObject)_details["att"]!;

    /// <summary>A ReCap granting <paramref name="abilities"/> (each <c>namespace/name</c>) on one resource, with no caveats or proofs.</summary>
    public static ReCap ForResource(string resource, params IEnumerable<string> abilities)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var granted = new JsonObject();
        foreach (string ability in abilities)
        {
            granted[ability] = new JsonArray(new JsonObject());
        }
        return FromDetails(new JsonObject { ["att"] = new JsonObject { [resource] = granted }, ["prf"] = new JsonArray() });
    }

    /// <summary>Reads a Details Object (JSON text), checking its shape.</summary>
    /// <exception cref="SiweException">The JSON is not a Details Object (<see cref="SiweError.InvalidRecap"/>).</exception>
    public static ReCap FromJson(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw Fail($"the Details Object is not JSON ({e.Message})");
        }
        return FromDetails(node as JsonObject ?? throw Fail("the Details Object is not a JSON object"));
    }

    /// <summary>Decodes a <c>urn:recap:</c> URI.</summary>
    /// <exception cref="SiweException">The URI is not a ReCap (<see cref="SiweError.InvalidRecap"/>).</exception>
    public static ReCap FromUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            throw Fail($"'{uri}' does not start with {UriPrefix}");
        }
        byte[] json;
        try
        {
            json = Base64UrlDecode(uri[UriPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw Fail("the ReCap URI is not unpadded base64url");
        }
        return FromJson(Encoding.UTF8.GetString(json));
    }

    /// <summary>
    /// The ReCap of a message: its last resource, whose statement must end with <see cref="ToStatement"/>
    /// (alone, or after the user's statement and one space). No other resource may be a ReCap.
    /// </summary>
    /// <exception cref="SiweException">No ReCap, a ReCap not last, or a statement that does not state it (<see cref="SiweError.InvalidRecap"/>).</exception>
    public static ReCap FromMessage(SiweMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        IReadOnlyList<string> resources = message.Resources ?? [];
        int last = resources.Count - 1;
        for (int i = 0; i < last; i++)
        {
            if (resources[i].StartsWith(UriPrefix, StringComparison.Ordinal))
            {
                throw Fail($"resource {i + 1} is a ReCap but not the last resource");
            }
        }
        if (last < 0 || !resources[last].StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            throw Fail("the message has no ReCap resource");
        }
        ReCap recap = FromUri(resources[last]);
        string stated = recap.ToStatement();
        string statement = message.Statement ?? string.Empty;
        if (!(statement == stated || statement.EndsWith(" " + stated, StringComparison.Ordinal)))
        {
            throw Fail($"the statement does not end with the ReCap's own wording \"{stated}\"");
        }
        return recap;
    }

    /// <summary>Whether the ReCap grants <paramref name="ability"/> on <paramref name="resource"/>.</summary>
    public bool Grants(string resource, string ability) =>
        Attenuations[resource] is JsonObject granted && granted.ContainsKey(ability);

    /// <summary>The Details Object as canonical JSON (RFC 8785: keys sorted, no whitespace).</summary>
    public string ToCanonicalJson()
    {
        var text = new StringBuilder();
        WriteCanonical(_details, text);
        return text.ToString();
    }

    /// <summary>The <c>urn:recap:</c> resource URI.</summary>
    public string ToUri() => UriPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(ToCanonicalJson())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The statement text EIP-5573 derives: resources in order, abilities sorted and grouped by namespace,
    /// <c>(n) 'namespace': 'name', 'name' for 'resource'.</c>
    /// </summary>
    public string ToStatement()
    {
        var text = new StringBuilder(StatementPrefix);
        int item = 0;
        foreach ((string resource, JsonNode? abilities) in Attenuations.OrderBy(static pair => pair.Key, StringComparer.Ordinal))
        {
            foreach (IGrouping<string, string> group in ((JsonObject)abilities!).Select(static a => a.Key).Order(StringComparer.Ordinal).GroupBy(static a => a[..a.IndexOf('/', StringComparison.Ordinal)]))
            {
                text.Append(CultureInfo.InvariantCulture, $" ({++item}) '{group.Key}': ");
                text.AppendJoin(", ", group.Select(static a => $"'{a[(a.IndexOf('/', StringComparison.Ordinal) + 1)..]}'"));
                text.Append(CultureInfo.InvariantCulture, $" for '{resource}'.");
            }
        }
        return text.ToString();
    }

    private static ReCap FromDetails(JsonObject details)
    {
        if (details["att"] is not JsonObject attenuations)
        {
            throw Fail("the Details Object has no \"att\" object");
        }
        foreach ((string resource, JsonNode? abilities) in attenuations)
        {
            if (!Rfc3986.IsUri(resource) || abilities is not JsonObject granted)
            {
                throw Fail($"\"att\" key '{resource}' is not a URI with an object of abilities");
            }
            foreach ((string ability, JsonNode? caveats) in granted)
            {
                int slash = ability.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == ability.Length - 1 || caveats is not JsonArray caveatList || caveatList.Any(static c => c is not JsonObject))
                {
                    throw Fail($"ability '{ability}' on '{resource}' is not 'namespace/name' with an array of caveat objects");
                }
            }
        }
        if (details["prf"] is { } proofs && (proofs is not JsonArray list || list.Any(static p => p?.GetValueKind() != JsonValueKind.String)))
        {
            throw Fail("\"prf\" is not an array of CID strings");
        }
        return new ReCap(details);
    }

    private static void WriteCanonical(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject obj:
                text.Append('{');
                bool first = true;
                foreach ((string key, JsonNode? member) in obj.OrderBy(static pair => pair.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }
                    first = false;
                    WriteString(key, text);
                    text.Append(':');
                    WriteCanonical(member, text);
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }
                    WriteCanonical(array[i], text);
                }
                text.Append(']');
                break;
            case null:
                text.Append("null");
                break;
            default:
                JsonValue value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(value.GetValue<string>(), text);
                        break;
                    case JsonValueKind.Number:
                        // RFC 8785 numbers are ECMAScript's shortest round-trip form; "R" gives it for doubles.
                        double number = value.GetValue<double>();
                        text.Append(number == Math.Floor(number) && Math.Abs(number) < 1e21 ? number.ToString("0", CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    default:
                        text.Append(value.ToJsonString());
                        break;
                }
                break;
        }
    }

    /// <summary>RFC 8785 string form: only '"', '\' and control characters escaped.</summary>
    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    private static byte[] Base64UrlDecode(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal) || text.Length % 4 == 1)
        {
            throw new FormatException("not unpadded base64url");
        }
        string padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }

    private static SiweException Fail(string detail) => SiweMessage.Fail(SiweError.InvalidRecap, $"ReCap: {detail}");
}
