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

    // The ABI itself is parsed by the ABI layer's ContractAbi (as at run time); these check that its errors reach
    // the user with the file, the entry index and name, and the parameter.

    [Test]
    public void An_unknown_type_names_the_entry_and_parameter() =>
        Assert.That(
            GenerateFails(WithAbi("""[{"type":"event","name":"Ok","inputs":[]},{"type":"function","name":"f","stateMutability":"view","inputs":[{"name":"x","type":"uint7"}],"outputs":[]}]""")).Detail,
            Does.StartWith("ABI JSON: entry 1 (f): parameter 'x': ").And.Contain("uint7"));

    [Test]
    public void A_tuple_without_components_names_the_entry() =>
        Assert.That(
            GenerateFails(WithAbi("""[{"type":"error","name":"E","inputs":[{"name":"s","type":"tuple[]"}]}]""")).Detail,
            Is.EqualTo("ABI JSON: entry 0 (E): 'components' is missing (at inputs[0])"));

    [Test]
    public void A_bad_type_inside_a_component_names_the_path() =>
        Assert.That(
            GenerateFails(WithAbi("""[{"type":"function","name":"g","inputs":[{"name":"s","type":"tuple","components":[{"name":"a","type":"bytes33"}]}],"outputs":[]}]""")).Detail,
            Does.StartWith("ABI JSON: entry 0 (g): parameter 'a': ").And.Contain("bytes33").And.EndWith("(at inputs[0].components[0])"));

    [TestCase("uint256[0]")]
    [TestCase("uint256[x]")]
    [TestCase("uint256]")]
    [TestCase("int264")]
    [TestCase("fixed128x18")]
    public void Invalid_type_strings_are_reported(string type) =>
        Assert.That(
            GenerateFails(WithAbi($$"""[{"type":"function","name":"h","inputs":[{"name":"v","type":"{{type}}"}],"outputs":[]}]""")).Detail,
            Does.StartWith("ABI JSON: entry 0 (h): parameter 'v': ").And.EndWith("(at inputs[0])"));

    [Test]
    public void An_unknown_entry_type_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"modifier","name":"m"}]""")).Detail, Is.EqualTo("ABI JSON: entry 0 (m): unknown entry type 'modifier'"));

    [Test]
    public void An_entry_that_is_not_an_object_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[42]""")).Detail, Does.StartWith("ABI JSON: entry 0: "));

    [Test]
    public void A_function_without_a_name_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"function","inputs":[],"outputs":[]}]""")).Detail, Is.EqualTo("ABI JSON: entry 0: 'name' is missing"));

    [Test]
    public void An_indexed_function_parameter_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"function","name":"f","inputs":[{"name":"a","type":"uint256","indexed":true}],"outputs":[]}]""")).Detail,
            Does.StartWith("ABI JSON: entry 0 (f): parameter 'a' is 'indexed' outside an event"));

    [Test]
    public void An_unknown_state_mutability_is_reported() =>
        Assert.That(GenerateFails(WithAbi("""[{"type":"function","name":"f","stateMutability":"constant","inputs":[],"outputs":[]}]""")).Detail,
            Is.EqualTo("ABI JSON: entry 0 (f): unknown stateMutability 'constant'"));

    [TestCase("""[{"type":"function","name":"a-b","inputs":[],"outputs":[]}]""", "abi entry #0: 'a-b' is not a Solidity identifier")]
    [TestCase("""[{"type":"event","name":"E","inputs":[{"name":"x y","type":"uint256"}]}]""", "abi entry #0 'E', inputs[0]: 'x y' is not a Solidity identifier")]
    [TestCase("""[{"type":"function","name":"f","inputs":[{"name":"s","type":"tuple","components":[{"name":"1st","type":"bool"}]}],"outputs":[]}]""", "abi entry #0 'f', inputs[0].components[0]: '1st' is not a Solidity identifier")]
    public void A_name_that_cannot_become_an_identifier_is_reported(string abi, string expected) =>
        Assert.That(GenerateFails(WithAbi(abi)).Detail, Is.EqualTo(expected));

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

    [Test]
    public void An_unknown_typed_data_field_type_is_reported()
    {
        var path = TestPaths.TemporaryArtifact("""{"Kitchen":["Permit(uint7 value)"]}""", "typed-data");

        var error = Assert.Throws<BindingGenerationException>(() => BindingGenerator.Generate([TestPaths.KitchenArtifact], path))!;

        Assert.That(error.Message, Does.StartWith(path + ": 'Kitchen': field 'uint7 value' of Permit: ").And.Contain("uint7"));
    }
}
