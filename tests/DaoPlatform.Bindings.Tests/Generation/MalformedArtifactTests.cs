using DaoPlatform.Bindings.Generator;

namespace DaoPlatform.Bindings.Tests.Generation;

public sealed class MalformedArtifactTests
{
    private static string WithAbi(string abi) =>
        """{"contractName":"Broken","sourceName":"contracts/Broken.sol","bytecode":"0x","linkReferences":{},"abi":""" + abi + "}";

    private static BindingGenerationException GenerateFails(string json)
    {
        var path = TestPaths.TemporaryArtifact(json);
        var error = Assert.Throws<BindingGenerationException>(() => BindingGenerator.Generate([path]))!;
        Assert.That(error.FilePath, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + ": "));
        return error;
    }

    [Test]
    public void Invalid_JSON_is_reported_with_the_file() =>
        Assert.That(GenerateFails("""{"contractName": "Broken", """).Detail, Does.StartWith("not valid JSON"));

    [Test]
    public void A_missing_abi_is_reported() =>
        Assert.That(GenerateFails("""{"contractName":"Broken","sourceName":"contracts/Broken.sol","bytecode":"0x"}""").Detail, Is.EqualTo("has no 'abi' array"));

    [Test]
    public void A_missing_contract_name_is_reported() =>
        Assert.That(GenerateFails("""{"sourceName":"contracts/Broken.sol","abi":[],"bytecode":"0x"}""").Detail, Is.EqualTo("has no 'contractName' string"));

    [Test]
    public void An_unknown_type_names_the_entry_and_parameter() =>
        Assert.That(
            GenerateFails(WithAbi("""[{"type":"event","name":"Ok","inputs":[]},{"type":"function","name":"f","stateMutability":"view","inputs":[{"name":"x","type":"uint7"}],"outputs":[]}]""")).Detail,
            Is.EqualTo("abi entry #1 'f', inputs[0] 'x': unknown type 'uint7'"));

    [Test]
    public void A_tuple_without_components_names_the_entry() =>
        Assert.That(
            GenerateFails(WithAbi("""[{"type":"error","name":"E","inputs":[{"name":"s","type":"tuple[]"}]}]""")).Detail,
            Is.EqualTo("abi entry #0 'E', inputs[0] 's': type 'tuple[]' is a tuple without components"));

    [Test]
    public void A_bad_type_inside_a_component_names_the_path() =>
        Assert.That(
            GenerateFails(WithAbi("""[{"type":"function","name":"g","inputs":[{"name":"s","type":"tuple","components":[{"name":"a","type":"bytes33"}]}],"outputs":[]}]""")).Detail,
            Is.EqualTo("abi entry #0 'g', inputs[0] 's', component 0 'a': unknown type 'bytes33'"));

    [TestCase("uint256[0]", "type 'uint256[0]' has an invalid array length '0'")]
    [TestCase("uint256[x]", "type 'uint256[x]' has an invalid array length 'x'")]
    [TestCase("uint256]", "type 'uint256]' has an unmatched ']'")]
    [TestCase("int264", "unknown type 'int264'")]
    [TestCase("fixed128x18", "unknown type 'fixed128x18'")]
    public void Invalid_type_strings_are_reported(string type, string expected) =>
        Assert.That(
            GenerateFails(WithAbi($$"""[{"type":"function","name":"h","inputs":[{"name":"v","type":"{{type}}"}],"outputs":[]}]""")).Detail,
            Is.EqualTo("abi entry #0 'h', inputs[0] 'v': " + expected));

    [Test]
    public void An_unknown_entry_type_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"modifier","name":"m"}]""")).Detail, Is.EqualTo("abi entry #0 'm': unknown entry type 'modifier'"));

    [Test]
    public void An_entry_that_is_not_an_object_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[42]""")).Detail, Is.EqualTo("abi entry #0 is not a JSON object"));

    [Test]
    public void A_function_without_a_name_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"function","inputs":[],"outputs":[]}]""")).Detail,
            Is.EqualTo("abi entry #0 (function): a function needs a name that is a Solidity identifier"));

    [Test]
    public void An_indexed_function_parameter_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"function","name":"f","inputs":[{"name":"a","type":"uint256","indexed":true}],"outputs":[]}]""")).Detail,
            Is.EqualTo("abi entry #0 'f', inputs[0] 'a': only event parameters can be indexed"));

    [Test]
    public void An_unknown_state_mutability_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"function","name":"f","stateMutability":"constant","inputs":[],"outputs":[]}]""")).Detail,
            Is.EqualTo("abi entry #0 'f': unknown stateMutability 'constant'"));

    [Test]
    public void Two_artifacts_binding_to_the_same_class_are_reported()
    {
        var json = File.ReadAllText(TestPaths.KitchenArtifact);
        var first = TestPaths.TemporaryArtifact(json, "Kitchen");
        var second = TestPaths.TemporaryArtifact(json, "Kitchen");

        var error = Assert.Throws<BindingGenerationException>(() => BindingGenerator.Generate([first, second]))!;

        Assert.That(error.Detail, Does.StartWith("its binding DaoPlatform.Contracts.Snapshots.Kitchen would clash with the one from"));
    }

    [Test]
    public void A_malformed_typed_data_list_names_the_contract_and_field()
    {
        var path = TestPaths.TemporaryArtifact("""{"Kitchen":["Permit(address owner,uint256[] values)"]}""", "typed-data");

        var error = Assert.Throws<BindingGenerationException>(() => BindingGenerator.Generate([TestPaths.KitchenArtifact], path))!;

        Assert.That(error.Message, Is.EqualTo(path + ": 'Kitchen': field 'uint256[] values' of Permit: only atomic types, bytes and string are supported"));
    }
}
