using System.Text;

namespace DaoPlatform.Bindings.Generator.Naming;

/// <summary>
/// Maps Solidity names to C# identifiers by the rules in docs/bindings.md: leading underscores and <c>$</c> dropped,
/// snake_case and SCREAMING_CASE segments joined in PascalCase, keywords escaped with <c>@</c>.
/// </summary>
internal static class Identifiers
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // Contextual keyword that cannot name a parameter of an async method.
        "await",
    };

    /// <summary>The PascalCase form, or <paramref name="fallback"/> when nothing of the name is left.</summary>
    public static string ToPascal(string solidityName, string fallback)
    {
        var builder = new StringBuilder(solidityName.Length);
        foreach (var segment in solidityName.Replace("$", string.Empty, StringComparison.Ordinal).Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            var screaming = segment.Length > 1 && segment.Any(char.IsAsciiLetter) && !segment.Any(char.IsAsciiLetterLower);
            builder.Append(char.ToUpperInvariant(segment[0]));
            builder.Append(screaming ? segment[1..].ToLowerInvariant() : segment[1..]);
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        // A Solidity name such as _1st has a digit first once the underscore is gone.
        return char.IsAsciiDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary>The camelCase form for parameters and locals, escaped with <c>@</c> when it is a C# keyword.</summary>
    public static string ToCamel(string solidityName, string fallback)
    {
        var pascal = ToPascal(solidityName, fallback);
        var camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
        return s_keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>
    /// Makes the names unique in order: the first keeps its name, a later equal one (or one equal to a reserved name)
    /// gets the smallest suffix 2, 3, ... that is free. Comparison ignores a leading <c>@</c>.
    /// </summary>
    public static IReadOnlyList<string> Deduplicate(IEnumerable<string> names, IEnumerable<string> reserved)
    {
        var taken = new HashSet<string>(reserved, StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names)
        {
            var unique = name;
            for (var suffix = 2; taken.Contains(unique.TrimStart('@')); suffix++)
            {
                unique = name.TrimStart('@') + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(unique.TrimStart('@'));
            result.Add(unique);
        }

        return result;
    }
}
