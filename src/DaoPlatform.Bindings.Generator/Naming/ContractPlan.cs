using System.Text;
using DaoPlatform.Bindings.Generator.Model;
using DaoPlatform.Bindings.Generator.TypedData;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Bindings.Generator.Naming;

/// <summary>A record generated for a tuple: a struct from <c>internalType</c> or an anonymous tuple.</summary>
internal sealed record RecordPlan(string Name, SolidityType Type, IReadOnlyList<string> Properties);

internal sealed record FunctionPlan(AbiFunctionEntry Entry, string MemberName, string FieldName, IReadOnlyList<string> Parameters, RecordPlan? Output)
{
    /// <summary>The record of a decoded call in the nested <c>Calls</c> class.</summary>
    public string CallRecordName { get; init; } = "";

    public IReadOnlyList<string> CallProperties { get; init; } = [];
}

internal sealed record EventPlan(AbiEventEntry Entry, string MemberName, string FieldName, string RecordName, IReadOnlyList<string> Properties, IReadOnlyList<string> Parameters);

internal sealed record ErrorPlan(AbiErrorEntry Entry, string ClassName, IReadOnlyList<string> Properties, IReadOnlyList<string> Parameters)
{
    /// <summary>The record of a decoded error in the nested <c>Errors</c> class.</summary>
    public string RecordName { get; init; } = "";

    public IReadOnlyList<string> RecordProperties { get; init; } = [];
}

internal sealed record TypedDataPlan(TypedDataType Type, string RecordName, IReadOnlyList<string> Properties);

/// <summary>
/// Every C# name of one contract's binding, decided up front and deterministically by the rules of docs/bindings.md,
/// so the emitter only writes.
/// </summary>
internal sealed class ContractPlan
{
    /// <summary>Names generated methods use for their own parameters and locals; a Solidity name equal to one gets a suffix.</summary>
    public static readonly IReadOnlyList<string> ReservedParameters =
        ["cancellationToken", "blockNumber", "ethValue", "connection", "output", "fromBlock", "toBlock", "receipt", "address"];

    private static readonly string[] s_reservedMembers =
        ["Address", "Connection", "Definition", "AbiJson", "Bytecode", "UnlinkedLibraries", "ContractName", "CreateError", "Calls", "Errors",
         "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    private static readonly string[] s_reservedRecordMembers =
        ["EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "ToAbi", "FromAbi"];

    private static readonly string[] s_reservedExceptionMembers =
        ["Message", "Data", "InnerException", "StackTrace", "Source", "HelpLink", "HResult", "TargetSite", "GetBaseException",
         "GetObjectData", "RevertData", "ErrorName", "ErrorSignature", "Equals", "GetHashCode", "ToString", "GetType"];

    /// <summary>Members of the records in <c>Calls</c> and <c>Errors</c> besides the record's own.</summary>
    private static readonly string[] s_reservedDecodedMembers = ["Descriptor", "TryDecode", "Decode"];

    private static readonly string[] s_reservedTypedDataMembers = ["TypeString", "TypeHash", "HashStruct", "ToTypedData", "SigningHash", "Sign"];

    private readonly Dictionary<string, RecordPlan> _namedRecords = new(StringComparer.Ordinal);
    private readonly Dictionary<SolidityType, RecordPlan> _anonymousRecords = new(ReferenceEqualityComparer.Instance);

    private ContractPlan(ContractArtifact artifact, string @namespace, string className)
    {
        Artifact = artifact;
        Namespace = @namespace;
        ClassName = className;
    }

    public ContractArtifact Artifact { get; }

    public string Namespace { get; }

    public string ClassName { get; }

    public List<RecordPlan> Records { get; } = [];

    public List<FunctionPlan> Functions { get; } = [];

    public List<EventPlan> Events { get; } = [];

    public List<ErrorPlan> Errors { get; } = [];

    public List<TypedDataPlan> TypedData { get; } = [];

    public IReadOnlyList<string> ConstructorParameters { get; private set; } = [];

    public string RecordName(SolidityType tuple) =>
        tuple.StructName is not null ? _namedRecords[tuple.StructName].Name : _anonymousRecords[tuple].Name;

    public static ContractPlan Build(ContractArtifact artifact, string rootNamespace, IReadOnlyList<TypedDataType> typedData)
    {
        var plan = new ContractPlan(artifact, NamespaceOf(rootNamespace, artifact.SourceName), Identifiers.ToPascal(artifact.ContractName, "Contract"));

        var functions = artifact.Functions.OrderBy(f => f.Signature, StringComparer.Ordinal).ToList();
        var events = artifact.Events.OrderBy(e => e.Signature, StringComparer.Ordinal).ToList();
        var errors = artifact.Errors.OrderBy(e => e.Signature, StringComparer.Ordinal).ToList();

        // Tuples in a fixed order: constructor, functions, events, errors.
        var tuples = new List<(SolidityType Type, string Context)>();
        CollectTuples(artifact.Constructor.Inputs, "Constructor", tuples);
        foreach (var function in functions)
        {
            CollectTuples(function.Inputs, Identifiers.ToPascal(function.Name, "Function"), tuples);
            CollectTuples(function.Outputs, Identifiers.ToPascal(function.Name, "Function") + "Result", tuples);
        }

        foreach (var @event in events)
        {
            CollectTuples(@event.Inputs, Identifiers.ToPascal(@event.Name, "Event"), tuples);
        }

        foreach (var error in errors)
        {
            CollectTuples(error.Inputs, Identifiers.ToPascal(error.Name, "Error"), tuples);
        }

        var functionMembers = FunctionMemberNames(functions);
        var eventMembers = OverloadSuffixed(events.Select(e => (Identifiers.ToPascal(e.Name, "Event"), e.Signature)).ToList());
        var errorMembers = OverloadSuffixed(errors.Select(e => (Identifiers.ToPascal(e.Name, "Error"), e.Signature)).ToList());

        // One pass over every nested type name so that none can clash with another or with the class.
        var desired = new List<string>();
        var distinctTuples = DistinctTuples(tuples);
        desired.AddRange(distinctTuples.Select(t => t.Name));
        desired.AddRange(typedData.Select(t => Identifiers.ToPascal(t.Name, "TypedData")));
        var multiOutput = functions.Select((f, i) => (f, i)).Where(x => x.f.Outputs.Count > 1).ToList();
        desired.AddRange(multiOutput.Select(x => functionMembers[x.i] + "Output"));
        desired.AddRange(eventMembers.Select(n => n + "Event"));
        desired.AddRange(errorMembers.Select(n => n + "Error"));
        var typeNames = Identifiers.Deduplicate(desired, [plan.ClassName, .. s_reservedMembers]);

        var next = 0;
        foreach (var (type, _) in distinctTuples)
        {
            var record = new RecordPlan(typeNames[next++], type, PropertyNames(type.Components, typeNames[next - 1], s_reservedRecordMembers));
            plan.Records.Add(record);
            if (type.StructName is not null)
            {
                plan._namedRecords.Add(type.StructName, record);
            }
        }

        // Anonymous tuples equal in shape to a named one never occur in solc output; each gets its own record.
        foreach (var (type, _) in tuples.Where(t => t.Type.StructName is null))
        {
            plan._anonymousRecords.TryAdd(type, plan.Records.First(r => ReferenceEquals(r.Type, type)));
        }

        foreach (var type in typedData)
        {
            var name = typeNames[next++];
            plan.TypedData.Add(new TypedDataPlan(type, name, PropertyNames(type.Fields, name, [.. s_reservedRecordMembers, .. s_reservedTypedDataMembers])));
        }

        var outputRecords = new Dictionary<int, RecordPlan>();
        foreach (var (function, index) in multiOutput)
        {
            var name = typeNames[next++];
            var outputTuple = SolidityType.Tuple(function.Outputs);
            outputRecords.Add(index, new RecordPlan(name, outputTuple, PropertyNames(function.Outputs, name, s_reservedRecordMembers)));
        }

        var fieldNames = Identifiers.Deduplicate(
            functions.Select(f => "s_" + Identifiers.ToCamel(f.Name, "function").TrimStart('@') + "Function")
                .Concat(events.Select(e => "s_" + Identifiers.ToCamel(e.Name, "event").TrimStart('@') + "Event")),
            ["s_definition"]);
        var callRecords = Identifiers.Deduplicate(
            OverloadSuffixed(functions.Select(f => (Identifiers.ToPascal(f.Name, "Function"), f.Signature)).ToList()), ["Calls", .. s_reservedDecodedMembers]);
        for (var i = 0; i < functions.Count; i++)
        {
            plan.Functions.Add(new FunctionPlan(
                functions[i],
                functionMembers[i],
                fieldNames[i],
                ParameterNames(functions[i].Inputs),
                outputRecords.GetValueOrDefault(i))
            {
                CallRecordName = callRecords[i],
                CallProperties = PropertyNames(functions[i].Inputs, callRecords[i], [.. s_reservedRecordMembers, .. s_reservedDecodedMembers]),
            });
        }

        for (var i = 0; i < events.Count; i++)
        {
            var recordName = typeNames[next++];
            plan.Events.Add(new EventPlan(
                events[i],
                eventMembers[i],
                fieldNames[functions.Count + i],
                recordName,
                PropertyNames(events[i].Inputs, recordName, s_reservedRecordMembers),
                ParameterNames(events[i].Inputs)));
        }

        var errorRecords = Identifiers.Deduplicate(errorMembers, ["Errors", .. s_reservedDecodedMembers]);
        for (var i = 0; i < errors.Count; i++)
        {
            var className = typeNames[next++];
            plan.Errors.Add(new ErrorPlan(errors[i], className, PropertyNames(errors[i].Inputs, className, s_reservedExceptionMembers), ParameterNames(errors[i].Inputs))
            {
                RecordName = errorRecords[i],
                RecordProperties = PropertyNames(errors[i].Inputs, errorRecords[i], [.. s_reservedRecordMembers, .. s_reservedDecodedMembers]),
            });
        }

        plan.ConstructorParameters = ParameterNames(artifact.Constructor.Inputs);
        return plan;
    }

    /// <summary>
    /// <c>contracts/governance/DaoGovernor.sol</c> → <c>Root.Governance</c>; <c>contracts/X.sol</c> → <c>Root</c>;
    /// an npm source such as <c>@openzeppelin/contracts/...</c> → <c>Root.OpenZeppelin</c>.
    /// </summary>
    public static string NamespaceOf(string rootNamespace, string sourceName)
    {
        var parts = sourceName.Split('/');
        if (parts[0] == "contracts")
        {
            var folders = parts[1..^1].Select(p => Identifiers.ToPascal(p, "Folder"));
            return string.Join(".", new[] { rootNamespace }.Concat(folders));
        }

        var package = parts[0].TrimStart('@');
        return rootNamespace + "." + (package == "openzeppelin" ? "OpenZeppelin" : Identifiers.ToPascal(package.Replace('-', '_'), "Package"));
    }

    private static void CollectTuples(IReadOnlyList<ParameterModel> parameters, string context, List<(SolidityType, string)> tuples)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var type = parameters[i].Type;
            while (type.Element is not null)
            {
                type = type.Element;
            }

            if (type.Kind == SolidityTypeKind.Tuple)
            {
                var name = context + Identifiers.ToPascal(parameters[i].Name, "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                CollectTuples(type.Components, name, tuples);
                tuples.Add((type, name));
            }
        }
    }

    /// <summary>Named structs once each (by <c>Owner.Name</c>), then anonymous tuples; a short name shared by two owners takes the owner as prefix.</summary>
    private static List<(SolidityType Type, string Name)> DistinctTuples(List<(SolidityType Type, string Context)> tuples)
    {
        var named = tuples.Where(t => t.Type.StructName is not null)
            .GroupBy(t => t.Type.StructName!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First().Type)
            .ToList();
        var shortNames = named.GroupBy(t => ShortName(t.StructName!), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var result = named.Select(t => (t, shortNames.Contains(ShortName(t.StructName!))
            ? string.Concat(t.StructName!.Split('.').Select(p => Identifiers.ToPascal(p, "Struct")))
            : Identifiers.ToPascal(ShortName(t.StructName!), "Struct"))).ToList();
        result.AddRange(tuples.Where(t => t.Type.StructName is null).Select(t => (t.Type, t.Context)));
        return result;
    }

    private static string ShortName(string structName) => structName[(structName.LastIndexOf('.') + 1)..];

    /// <summary>
    /// Functions whose C# names and C# parameter types coincide cannot be overloads: each of them gets the suffix
    /// <c>_</c> + its 4-byte selector in hex. Other overloads stay C# overloads.
    /// </summary>
    private static List<string> FunctionMemberNames(List<AbiFunctionEntry> functions)
    {
        // Parameter types in C# terms; records are keyed by struct name so two structs never compare equal.
        string CSharpShape(SolidityType type) => type.Kind switch
        {
            SolidityTypeKind.UInt or SolidityTypeKind.Int when type.Size > 64 => "BigInteger",
            SolidityTypeKind.UInt or SolidityTypeKind.Int => type.Kind + (type.Size <= 8 ? "8" : type.Size <= 16 ? "16" : type.Size <= 32 ? "32" : "64"),
            SolidityTypeKind.FixedBytes or SolidityTypeKind.Bytes => "byte[]",
            SolidityTypeKind.FixedArray or SolidityTypeKind.DynamicArray => "list<" + CSharpShape(type.Element!) + ">",
            SolidityTypeKind.Tuple => "record:" + (type.StructName ?? type.Canonical),
            _ => type.Kind.ToString(),
        };

        var names = functions.Select(f => Identifiers.ToPascal(f.Name, "Function")).ToList();
        var shapes = functions.Select(f => string.Join(",", f.Inputs.Select(p => CSharpShape(p.Type)))).ToList();
        var result = new List<string>(names);
        for (var i = 0; i < functions.Count; i++)
        {
            for (var j = 0; j < functions.Count; j++)
            {
                if (i != j && names[i] == names[j] && shapes[i] == shapes[j])
                {
                    result[i] = names[i] + "_" + SelectorHex(functions[i].Signature);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Events and errors are not overloadable in C# (their members take no typed arguments): every member of a same-named group gets the selector suffix.</summary>
    private static List<string> OverloadSuffixed(List<(string Name, string Signature)> entries) =>
        entries.Select(e => entries.Count(o => o.Name == e.Name) > 1 ? e.Name + "_" + SelectorHex(e.Signature) : e.Name).ToList();

    private static string SelectorHex(string signature) =>
        HexConvert.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes(signature)).AsSpan(0, 4), prefix: false);

    private static IReadOnlyList<string> ParameterNames(IReadOnlyList<ParameterModel> parameters) =>
        Identifiers.Deduplicate(
            parameters.Select((p, i) => Identifiers.ToCamel(p.Name, "arg" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ReservedParameters);

    private static IReadOnlyList<string> PropertyNames(IReadOnlyList<ParameterModel> parameters, string typeName, IEnumerable<string> reserved) =>
        Identifiers.Deduplicate(
            parameters.Select((p, i) => Identifiers.ToPascal(p.Name, "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            [typeName, .. reserved]);
}
