using System.Globalization;
using System.Numerics;
using System.Text;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Formats decoded ABI values for messages: decimal integers, checksummed addresses, 0x-hex bytes, quoted strings, [..] lists.</summary>
public static class AbiValueFormatter
{
    /// <summary>Formats one decoded value.</summary>
    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case BigInteger number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case Address address:
                builder.Append(address.ToChecksumString());
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case byte[] bytes:
                builder.Append(HexConvert.Encode(bytes));
                break;
            case string text:
                builder.Append('"').Append(text.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case System.Collections.IEnumerable items:
                builder.Append('[');
                bool first = true;
                foreach (object? item in items)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }
                    first = false;
                    Append(builder, item);
                }
                builder.Append(']');
                break;
            default:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
