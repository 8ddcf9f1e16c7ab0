using System.Globalization;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Recursive-descent parser for ABI type strings and human-readable signatures such as
/// <c>function transfer(address to, uint256 amount) external returns (bool)</c> or
/// <c>event Transfer(address indexed from, address indexed to, uint256 value)</c>.
/// </summary>
internal sealed class AbiSignatureParser
{
    private const int MaxNesting = 64;

    private static readonly string[] DataLocations = ["memory", "calldata", "storage", "payable"];

    private readonly string _text;
    private int _position;
    private int _depth;

    private AbiSignatureParser(string text)
    {
        _text = text;
    }

    /// <summary>Parses a bare type (no names, no modifiers).</summary>
    public static AbiType ParseType(string text)
    {
        var parser = new AbiSignatureParser(text);
        parser.SkipSpace();
        AbiType type = parser.ReadType(allowNames: false);
        parser.SkipSpace();
        parser.ExpectEnd();
        return type;
    }

    /// <summary>Parses a whole human-readable signature.</summary>
    public static AbiSignature ParseSignature(string text)
    {
        var parser = new AbiSignatureParser(text);
        return parser.ReadSignature();
    }

    /// <summary>"an event", "an error", "a constructor": for messages about the wrong kind of signature.</summary>
    public static string WithArticle(string? keyword) => keyword is "event" or "error" ? "an " + keyword : "a " + keyword;

    private AbiSignature ReadSignature()
    {
        SkipSpace();
        string? keyword = null;
        string name = ReadIdentifier("a name");
        if (name is "function" or "event" or "error" or "constructor" or "fallback" or "receive")
        {
            keyword = name;
            SkipSpace();
            name = keyword is "constructor" or "fallback" or "receive" && Peek() == '(' ? keyword : ReadIdentifier("a name");
        }
        SkipSpace();
        List<AbiParameter> inputs = ReadParameterList();
        var modifiers = new List<string>();
        List<AbiParameter>? outputs = null;
        SkipSpace();
        while (_position < _text.Length)
        {
            string word = ReadIdentifier("a modifier or 'returns'");
            SkipSpace();
            if (word == "returns")
            {
                if (outputs is not null)
                {
                    throw Error("'returns' appears twice");
                }
                outputs = ReadParameterList();
                SkipSpace();
            }
            else
            {
                modifiers.Add(word);
            }
        }
        return new AbiSignature(keyword, name, inputs, outputs ?? [], modifiers);
    }

    private List<AbiParameter> ReadParameterList()
    {
        Expect('(');
        var parameters = new List<AbiParameter>();
        SkipSpace();
        if (Peek() == ')')
        {
            _position++;
            return parameters;
        }
        while (true)
        {
            SkipSpace();
            parameters.Add(ReadParameter());
            SkipSpace();
            char next = Peek();
            _position++;
            if (next == ')')
            {
                return parameters;
            }
            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or ')'");
            }
        }
    }

    private AbiParameter ReadParameter()
    {
        AbiType type = ReadType(allowNames: true);
        bool indexed = false;
        string name = "";
        SkipSpace();
        while (IsIdentifierStart(Peek()))
        {
            int wordStart = _position;
            string word = ReadIdentifier("a name");
            if (word == "indexed")
            {
                indexed = true;
            }
            else if (Array.IndexOf(DataLocations, word) < 0)
            {
                if (name.Length > 0)
                {
                    _position = wordStart;
                    throw Error($"parameter already named '{name}'");
                }
                name = word;
            }
            SkipSpace();
        }
        return new AbiParameter(name, type, indexed: indexed);
    }

    private AbiType ReadType(bool allowNames)
    {
        int start = _position;
        AbiType type;
        if (Peek() == '(' || _text.AsSpan(_position).StartsWith("tuple(", StringComparison.Ordinal))
        {
            if (Peek() != '(')
            {
                _position += "tuple".Length;
            }
            if (++_depth > MaxNesting)
            {
                throw Error($"types nest deeper than {MaxNesting} levels");
            }
            type = ReadTuple(allowNames);
            _depth--;
        }
        else
        {
            type = Elementary(ReadIdentifier("a type"), start);
        }
        while (Peek() == '[')
        {
            int bracket = _position++;
            int digitsStart = _position;
            while (char.IsAsciiDigit(Peek()))
            {
                _position++;
            }
            string digits = _text[digitsStart.._position];
            Expect(']');
            if (++_depth > MaxNesting)
            {
                throw Error($"types nest deeper than {MaxNesting} levels");
            }
            if (digits.Length == 0)
            {
                type = Build(() => new AbiDynamicArray(type), bracket);
            }
            else if (digits[0] == '0' || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                _position = digitsStart;
                throw Error($"'{digits}' is not a valid array length");
            }
            else
            {
                type = Build(() => new AbiFixedArray(type, length), bracket);
            }
        }
        return type;
    }

    private AbiTuple ReadTuple(bool allowNames)
    {
        Expect('(');
        var components = new List<AbiParameter>();
        SkipSpace();
        if (Peek() == ')')
        {
            _position++;
            return new AbiTuple(components);
        }
        while (true)
        {
            SkipSpace();
            if (allowNames)
            {
                AbiParameter parameter = ReadParameter();
                if (parameter.Indexed)
                {
                    throw Error("a tuple component cannot be 'indexed'");
                }
                components.Add(parameter);
            }
            else
            {
                components.Add(new AbiParameter("", ReadType(allowNames: false)));
            }
            SkipSpace();
            char next = Peek();
            if (next == ')')
            {
                _position++;
                return new AbiTuple(components);
            }
            if (next != ',')
            {
                throw Error("expected ',' or ')' in a tuple");
            }
            _position++;
        }
    }

    private AbiType Elementary(string name, int start)
    {
        switch (name)
        {
            case "address": return AbiAddress.Instance;
            case "bool": return AbiBool.Instance;
            case "string": return AbiString.Instance;
            case "bytes": return AbiBytes.Instance;
            case "uint": return AbiUInt.UInt256;
            case "int": return AbiInt.Int256;
            case "byte": return new AbiFixedBytes(1);
        }
        if (TrySize(name, "uint", out int bits))
        {
            return Build(() => new AbiUInt(bits), start);
        }
        if (TrySize(name, "int", out bits))
        {
            return Build(() => new AbiInt(bits), start);
        }
        if (TrySize(name, "bytes", out int size))
        {
            return Build(() => new AbiFixedBytes(size), start);
        }
        _position = start;
        if (name.StartsWith("fixed", StringComparison.Ordinal) || name.StartsWith("ufixed", StringComparison.Ordinal) || name == "function")
        {
            throw Error($"'{name}' is not supported");
        }
        throw Error($"'{name}' is not an ABI type");
    }

    private static bool TrySize(string name, string prefix, out int size)
    {
        size = 0;
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length || name[prefix.Length] == '0')
        {
            return false;
        }
        return int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    private T Build<T>(Func<T> create, int start)
    {
        try
        {
            return create();
        }
        catch (AbiException e)
        {
            throw new AbiException($"{e.Message} (in '{_text}' at position {start})", e);
        }
    }

    private string ReadIdentifier(string expected)
    {
        int start = _position;
        if (!IsIdentifierStart(Peek()))
        {
            throw Error($"expected {expected}");
        }
        while (IsIdentifierPart(Peek()))
        {
            _position++;
        }
        return _text[start.._position];
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }
        _position++;
    }

    private void ExpectEnd()
    {
        if (_position < _text.Length)
        {
            throw Error("unexpected text");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    private AbiException Error(string problem)
    {
        string found = _position < _text.Length ? $"'{_text[_position]}'" : "the end";
        return new AbiException($"ABI parse: {problem} at position {_position} of '{_text}' (found {found}).");
    }
}
