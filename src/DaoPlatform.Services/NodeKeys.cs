using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Services;

/// <summary>
/// The signing key of each role that sends transactions. The node fills it from keystore files (Web3 Secret
/// Storage) with passwords from the environment or a file; tests may fill it with devnet keys.
/// </summary>
public sealed class NodeKeys
{
    private readonly Dictionary<NodeRoles, EthereumKey> _keys = [];

    /// <summary>Sets the key <paramref name="role"/> sends with.</summary>
    public NodeKeys Set(NodeRoles role, EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keys[role] = key;
        return this;
    }

    /// <summary>The key of <paramref name="role"/>.</summary>
    /// <exception cref="InvalidOperationException">No key was configured for the role.</exception>
    public EthereumKey For(NodeRoles role) =>
        _keys.TryGetValue(role, out EthereumKey? key)
            ? key
            : throw new InvalidOperationException($"No key for the {role} role: configure Keys:{role}:Keystore and its password.");

    /// <summary>Whether <paramref name="role"/> sends transactions and so needs a key (every role but <see cref="NodeRoles.Hub"/>, whose writes come from the users' wallets).</summary>
    public static bool Signs(NodeRoles role) => role is not (NodeRoles.None or NodeRoles.Hub);

    /// <summary>Whether <paramref name="role"/> has a key.</summary>
    public bool Has(NodeRoles role) => _keys.ContainsKey(role);
}
