using System.Text.Json;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A contract's JSON ABI: functions (with overloads), events, custom errors, the constructor,
/// fallback and receive, with lookups by name, signature, selector and topic.
/// </summary>
public sealed class ContractAbi
{
    private readonly List<AbiFunction> _functions = [];
    private readonly List<AbiEvent> _events = [];
    private readonly List<AbiError> _errors = [];
    private readonly Dictionary<uint, AbiFunction> _functionsBySelector = [];
    private readonly Dictionary<string, AbiEvent> _eventsByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, AbiError> _errorsBySelector = [];

    private ContractAbi()
    {
    }

    /// <summary>The functions in ABI order; overloads share a name.</summary>
    public IReadOnlyList<AbiFunction> Functions => _functions;

    /// <summary>The events in ABI order.</summary>
    public IReadOnlyList<AbiEvent> Events => _events;

    /// <summary>The custom errors in ABI order.</summary>
    public IReadOnlyList<AbiError> Errors => _errors;

    /// <summary>The constructor, or null when the ABI declares none (the default constructor takes no arguments).</summary>
    public AbiConstructor? Constructor { get; private set; }

    /// <summary>The fallback function's mutability, or null when there is none.</summary>
    public AbiStateMutability? Fallback { get; private set; }

    /// <summary>True when the contract has a <c>receive</c> function.</summary>
    public bool HasReceive { get; private set; }

    /// <summary>
    /// Parses a JSON ABI: an array of entries, or an object with an <c>abi</c> array (a Hardhat or Foundry artifact).
    /// An entry repeated with the same encoding (solc lists an error declared by two libraries twice, and an event
    /// declared by an interface and a library twice) is kept once, with the first copy's parameter names.
    /// </summary>
    /// <exception cref="AbiException">
    /// The JSON or an entry is malformed, or two entries share a selector or topic but encode differently; the message
    /// names the entry's index and name.
    /// </exception>
    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AbiException($"ABI JSON: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    /// <summary>Reads a JSON ABI from an already parsed element (an array, or an object with an <c>abi</c> array).</summary>
    /// <exception cref="AbiException">An entry is malformed; the message names the entry's index and name.</exception>
    public static ContractAbi FromJson(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("abi", out JsonElement inner))
        {
            root = inner;
        }
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"ABI JSON: the root is a {root.ValueKind}; expected an array of entries or an artifact with an 'abi' array.");
        }
        var abi = new ContractAbi();
        int index = 0;
        foreach (JsonElement entry in root.EnumerateArray())
        {
            try
            {
                abi.AddEntry(entry);
            }
            catch (AbiException e)
            {
                string name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String
                    ? $" ({n.GetString()})" : "";
                throw new AbiException($"ABI JSON: entry {index}{name}: {e.Message}", e);
            }
            index++;
        }
        return abi;
    }

    /// <summary>
    /// Builds an ABI from human-readable signatures, one per entry:
    /// <c>function transfer(address to, uint256 amount) returns (bool)</c>, <c>event Transfer(address indexed from, ...)</c>,
    /// <c>error Unauthorized(address caller)</c>, <c>constructor(string name) payable</c>, <c>fallback() payable</c>,
    /// <c>receive() payable</c>. An entry without a keyword is a function.
    /// </summary>
    /// <exception cref="AbiException">A signature is malformed; the message names its index.</exception>
    public static ContractAbi FromSignatures(IEnumerable<string> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var abi = new ContractAbi();
        int index = 0;
        foreach (string signature in signatures)
        {
            try
            {
                abi.AddSignature(signature);
            }
            catch (AbiException e)
            {
                throw new AbiException($"ABI signatures: entry {index} ('{signature}'): {e.Message}", e);
            }
            index++;
        }
        return abi;
    }

    /// <summary>
    /// The function named <paramref name="nameOrSignature"/>: a plain name when it is not overloaded, or a
    /// signature such as <c>transfer(address,uint256)</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such function, or the name is overloaded; the message lists the candidates.</exception>
    public AbiFunction GetFunction(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        if (nameOrSignature.Contains('(', StringComparison.Ordinal))
        {
            string signature = AbiFunction.Parse(nameOrSignature).Signature;
            foreach (AbiFunction function in _functions)
            {
                if (function.Signature == signature)
                {
                    return function;
                }
            }
            throw new KeyNotFoundException($"The ABI has no function {signature}.");
        }
        List<AbiFunction> overloads = GetFunctions(nameOrSignature);
        return overloads.Count switch
        {
            1 => overloads[0],
            0 => throw new KeyNotFoundException($"The ABI has no function named '{nameOrSignature}'."),
            _ => throw new KeyNotFoundException($"'{nameOrSignature}' is overloaded; use one of the signatures: {string.Join(", ", Signatures(overloads))}."),
        };
    }

    /// <summary>All functions named <paramref name="name"/> (its overloads), possibly none.</summary>
    public List<AbiFunction> GetFunctions(string name)
    {
        var overloads = new List<AbiFunction>();
        foreach (AbiFunction function in _functions)
        {
            if (function.Name == name)
            {
                overloads.Add(function);
            }
        }
        return overloads;
    }

    /// <summary>The function with <paramref name="selector"/>, or null.</summary>
    public AbiFunction? FindFunction(uint selector) => _functionsBySelector.GetValueOrDefault(selector);

    /// <summary>The function whose selector starts <paramref name="callData"/>, or null (also for data shorter than a selector).</summary>
    public AbiFunction? FindFunction(ReadOnlySpan<byte> callData) =>
        callData.Length < AbiSelector.Length ? null : FindFunction(AbiSelector.Read(callData));

    /// <summary>The event named <paramref name="nameOrSignature"/> (a name when not overloaded, or a signature).</summary>
    /// <exception cref="KeyNotFoundException">No such event, or the name is overloaded.</exception>
    public AbiEvent GetEvent(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        bool bySignature = nameOrSignature.Contains('(', StringComparison.Ordinal);
        string key = bySignature ? AbiEvent.Parse(nameOrSignature).Signature : nameOrSignature;
        var matches = new List<AbiEvent>();
        foreach (AbiEvent abiEvent in _events)
        {
            if ((bySignature ? abiEvent.Signature : abiEvent.Name) == key)
            {
                matches.Add(abiEvent);
            }
        }
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"The ABI has no event {key}."),
            _ => throw new KeyNotFoundException($"Event '{key}' is overloaded; use one of the signatures: {string.Join(", ", matches.ConvertAll(e => e.Signature))}."),
        };
    }

    /// <summary>The non-anonymous event whose topic 0 is <paramref name="topic0"/>, or null.</summary>
    public AbiEvent? FindEvent(ReadOnlySpan<byte> topic0) => _eventsByTopic.GetValueOrDefault(HexConvert.Encode(topic0));

    /// <summary>The custom error named <paramref name="nameOrSignature"/> (a name when not overloaded, or a signature).</summary>
    /// <exception cref="KeyNotFoundException">No such error, or the name is overloaded.</exception>
    public AbiError GetError(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        bool bySignature = nameOrSignature.Contains('(', StringComparison.Ordinal);
        string key = bySignature ? AbiError.Parse(nameOrSignature).Signature : nameOrSignature;
        var matches = _errors.FindAll(e => (bySignature ? e.Signature : e.Name) == key);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"The ABI has no error {key}."),
            _ => throw new KeyNotFoundException($"Error '{key}' is overloaded; use one of the signatures: {string.Join(", ", matches.ConvertAll(e => e.Signature))}."),
        };
    }

    /// <summary>The custom error with <paramref name="selector"/>, or null.</summary>
    public AbiError? FindError(uint selector) => _errorsBySelector.GetValueOrDefault(selector);

    /// <summary>
    /// Decodes a log of one of this ABI's non-anonymous events, chosen by topic 0. Returns false when there
    /// are no topics or no event has that topic 0.
    /// </summary>
    /// <exception cref="AbiException">The event is known but the log does not match it (topic count, non-canonical data).</exception>
    public bool TryDecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AbiEvent? abiEvent,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AbiValues? values)
    {
        ArgumentNullException.ThrowIfNull(topics);
        abiEvent = topics.Count == 0 ? null : FindEvent(topics[0]);
        values = abiEvent?.DecodeLog(topics, data);
        return abiEvent is not null;
    }

    /// <summary>A revert decoder for the built-in errors and this ABI's custom errors.</summary>
    public RevertDecoder CreateRevertDecoder() => new(_errors);

    private void AddEntry(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException($"it is a {entry.ValueKind}, not an object");
        }
        // The Solidity docs let 'type' default to "function".
        string type = AbiJsonReader.ReadString(entry, "type") ?? "function";
        switch (type)
        {
            case "function":
                AddFunction(new AbiFunction(
                    RequireName(entry),
                    AbiJsonReader.ReadParameters(entry, "inputs", required: false, allowIndexed: false),
                    AbiJsonReader.ReadParameters(entry, "outputs", required: false, allowIndexed: false),
                    ReadMutability(entry)));
                break;
            case "event":
                AddEvent(new AbiEvent(
                    RequireName(entry),
                    AbiJsonReader.ReadParameters(entry, "inputs", required: false, allowIndexed: true),
                    AbiJsonReader.ReadBool(entry, "anonymous")));
                break;
            case "error":
                AddError(new AbiError(RequireName(entry), AbiJsonReader.ReadParameters(entry, "inputs", required: false, allowIndexed: false)));
                break;
            case "constructor":
                SetConstructor(new AbiConstructor(AbiJsonReader.ReadParameters(entry, "inputs", required: false, allowIndexed: false), ReadMutability(entry)));
                break;
            case "fallback":
                SetFallback(ReadMutability(entry));
                break;
            case "receive":
                SetReceive();
                break;
            default:
                throw new AbiException($"unknown entry type '{type}'");
        }
    }

    private void AddSignature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        AbiSignature parsed = AbiSignatureParser.ParseSignature(text);
        AbiStateMutability mutability = parsed.Modifiers.Contains("payable") ? AbiStateMutability.Payable : AbiStateMutability.NonPayable;
        switch (parsed.Keyword)
        {
            case "event":
                AddEvent(AbiEvent.Parse(text));
                break;
            case "error":
                AddError(AbiError.Parse(text));
                break;
            case "constructor":
                SetConstructor(new AbiConstructor(parsed.Inputs, mutability));
                break;
            case "fallback":
                SetFallback(mutability);
                break;
            case "receive":
                SetReceive();
                break;
            default:
                AddFunction(AbiFunction.Parse(text));
                break;
        }
    }

    private void SetConstructor(AbiConstructor constructor) =>
        Constructor = Constructor is null ? constructor : throw new AbiException("a second constructor");

    private void SetFallback(AbiStateMutability mutability) =>
        Fallback = Fallback is null ? mutability : throw new AbiException("a second fallback");

    private void SetReceive() => HasReceive = !HasReceive ? true : throw new AbiException("a second receive");

    // solc repeats an entry when two declarations of it reach one contract (an error declared by two libraries, an
    // event by an interface and a library), so entries that encode and decode alike merge into the first; parameter
    // names may differ between the copies and the first's are kept. Entries that share a selector or topic but
    // differ in what they encode are refused.
    private void AddFunction(AbiFunction function)
    {
        if (_functionsBySelector.TryGetValue(function.SelectorValue, out AbiFunction? existing))
        {
            if (existing.Signature != function.Signature)
            {
                throw new AbiException($"function {function.Signature} has the selector {function.SelectorHex} of {existing.Signature}");
            }
            if (existing.StateMutability != function.StateMutability || TypeList(existing.Outputs) != TypeList(function.Outputs))
            {
                throw new AbiException($"function {function.Signature} is declared twice, returning ({TypeList(existing.Outputs)}) {existing.StateMutability} "
                    + $"and ({TypeList(function.Outputs)}) {function.StateMutability}");
            }
            return;
        }
        _functionsBySelector.Add(function.SelectorValue, function);
        _functions.Add(function);
    }

    private void AddEvent(AbiEvent abiEvent)
    {
        AbiEvent? existing = abiEvent.Anonymous
            ? _events.Find(e => e.Anonymous && e.Signature == abiEvent.Signature)
            : _eventsByTopic.GetValueOrDefault(abiEvent.Topic0Hex);
        if (existing is not null)
        {
            if (IndexedPattern(existing) != IndexedPattern(abiEvent))
            {
                throw new AbiException($"event {abiEvent.Signature} is declared twice with different indexed parameters: ({IndexedPattern(existing)}) and ({IndexedPattern(abiEvent)})");
            }
            return;
        }
        if (!abiEvent.Anonymous)
        {
            _eventsByTopic.Add(abiEvent.Topic0Hex, abiEvent);
        }
        _events.Add(abiEvent);
    }

    private void AddError(AbiError error)
    {
        if (_errorsBySelector.TryGetValue(error.SelectorValue, out AbiError? existing))
        {
            if (existing.Signature != error.Signature)
            {
                throw new AbiException($"error {error.Signature} has the selector {error.SelectorHex} of {existing.Signature}");
            }
            return;
        }
        _errorsBySelector.Add(error.SelectorValue, error);
        _errors.Add(error);
    }

    private static string TypeList(IReadOnlyList<AbiParameter> parameters) => string.Join(",", parameters.Select(p => p.Type.Name));

    private static string IndexedPattern(AbiEvent abiEvent) => string.Join(",", abiEvent.Inputs.Select(p => p.Indexed ? p.Type.Name + " indexed" : p.Type.Name));

    private static string RequireName(JsonElement entry)
    {
        string? name = AbiJsonReader.ReadString(entry, "name");
        return string.IsNullOrEmpty(name) ? throw new AbiException("'name' is missing") : name;
    }

    private static AbiStateMutability ReadMutability(JsonElement entry)
    {
        string? mutability = AbiJsonReader.ReadString(entry, "stateMutability");
        if (mutability is null)
        {
            // Pre-0.4.16 ABIs carry 'constant' and 'payable' instead.
            return AbiJsonReader.ReadBool(entry, "payable") ? AbiStateMutability.Payable
                : AbiJsonReader.ReadBool(entry, "constant") ? AbiStateMutability.View
                : AbiStateMutability.NonPayable;
        }
        return mutability switch
        {
            "nonpayable" => AbiStateMutability.NonPayable,
            "payable" => AbiStateMutability.Payable,
            "view" => AbiStateMutability.View,
            "pure" => AbiStateMutability.Pure,
            _ => throw new AbiException($"unknown stateMutability '{mutability}'"),
        };
    }

    private static IEnumerable<string> Signatures(List<AbiFunction> functions) => functions.ConvertAll(f => f.Signature);
}
