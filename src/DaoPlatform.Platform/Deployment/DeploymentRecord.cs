using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Platform.Deployment;

/// <summary>One deployed contract in <c>deployments/&lt;network&gt;.json</c>.</summary>
/// <param name="Address">Its address.</param>
/// <param name="BlockNumber">The block it was deployed in.</param>
/// <param name="AbiKeccak256">keccak256 of its ABI JSON, so a tool can tell a record from older contracts.</param>
public sealed record DeployedContract(Address Address, ulong BlockNumber, string AbiKeccak256);

/// <summary>
/// What <c>deployments/&lt;network&gt;.json</c> holds (the shape <c>scripts/lib/platform.mjs</c> writes): network,
/// chain id, deployer, first block, the parameters as strings and each contract by name.
/// </summary>
public sealed record DeploymentRecord(
    string Network, ulong ChainId, Address Deployer, ulong DeploymentBlock,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, DeployedContract> Contracts)
{
    /// <summary>The address of contract <paramref name="name"/>.</summary>
    /// <exception cref="PlatformException">The record has no such contract.</exception>
    public Address AddressOf(string name) =>
        Contracts.TryGetValue(name, out DeployedContract? c)
            ? c.Address
            : throw PlatformException.NotFound($"the deployment record of '{Network}' has no {name}");

    /// <summary>The addresses of the platform's contracts, with the deployment block reads start from.</summary>
    /// <exception cref="PlatformException">The record lacks TrainingTasks or OptimisticVerifier.</exception>
    public PlatformAddresses ToAddresses() =>
        new(AddressOf(nameof(PlatformAddresses.TrainingTasks)), AddressOf(nameof(PlatformAddresses.OptimisticVerifier)))
        {
            DeploymentBlock = DeploymentBlock,
            DaoToken = Find(nameof(PlatformAddresses.DaoToken)),
            DaoTimelock = Find(nameof(PlatformAddresses.DaoTimelock)),
            DaoGovernor = Find(nameof(PlatformAddresses.DaoGovernor)),
            MultisigVault = Find(nameof(PlatformAddresses.MultisigVault)),
            AssetRegistry = Find(nameof(PlatformAddresses.AssetRegistry)),
            AccessPasses = Find(nameof(PlatformAddresses.AccessPasses)),
            StreamVault = Find(nameof(PlatformAddresses.StreamVault)),
            RevenueSplitter = Find(nameof(PlatformAddresses.RevenueSplitter)),
        };

    /// <summary>Writes the record as indented JSON.</summary>
    public string ToJson()
    {
        var contracts = new JsonObject();
        foreach ((string name, DeployedContract c) in Contracts)
        {
            contracts[name] = new JsonObject
            {
                ["address"] = c.Address.ToChecksumString(),
                ["blockNumber"] = c.BlockNumber,
                ["abiKeccak256"] = c.AbiKeccak256,
            };
        }
        var parameters = new JsonObject();
        foreach ((string key, string value) in Parameters)
        {
            parameters[key] = value;
        }
        var root = new JsonObject
        {
            ["network"] = Network,
            ["chainId"] = ChainId,
            ["deployer"] = Deployer.ToChecksumString(),
            ["deploymentBlock"] = DeploymentBlock,
            ["parameters"] = parameters,
            ["contracts"] = contracts,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Reads a record; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="PlatformException">The text is not a deployment record.</exception>
    public static DeploymentRecord Parse(string json, string source)
    {
        try
        {
            JsonNode root = JsonNode.Parse(json) ?? throw new FormatException("the file is empty JSON (null)");
            var contracts = new Dictionary<string, DeployedContract>();
            foreach ((string name, JsonNode? node) in Required(root, "contracts").AsObject())
            {
                JsonNode c = node ?? throw new FormatException($"contracts.{name} is null");
                contracts[name] = new DeployedContract(
                    Address.Parse(Required(c, "address").GetValue<string>()),
                    c["blockNumber"]?.GetValue<ulong>() ?? 0,
                    c["abiKeccak256"]?.GetValue<string>() ?? "");
            }
            var parameters = new Dictionary<string, string>();
            if (root["parameters"] is JsonObject p)
            {
                foreach ((string key, JsonNode? value) in p)
                {
                    parameters[key] = value?.ToString() ?? "";
                }
            }
            return new DeploymentRecord(
                Required(root, "network").GetValue<string>(),
                Required(root, "chainId").GetValue<ulong>(),
                Address.Parse(Required(root, "deployer").GetValue<string>()),
                root["deploymentBlock"]?.GetValue<ulong>() ?? 0,
                parameters,
                contracts);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw PlatformException.BadInput($"{source} is not a deployment record: {e.Message}", e);
        }
    }

    /// <summary>Reads the record at <paramref name="path"/>.</summary>
    /// <exception cref="PlatformException">No file there (<see cref="PlatformErrorKind.NotFound"/>) or not a record.</exception>
    public static async Task<DeploymentRecord> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            throw PlatformException.BadInput($"{path} is a directory, not a deployment record: pass the record's file with --deployment");
        }
        if (!File.Exists(path))
        {
            throw PlatformException.NotFound($"no deployment record at {path}: run 'daoplatform deploy' first or pass --deployment");
        }
        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    private static JsonNode Required(JsonNode node, string name) =>
        node[name] ?? throw new FormatException($"the field '{name}' is missing");

    private Address? Find(string name) => Contracts.TryGetValue(name, out DeployedContract? c) ? c.Address : null;
}
