using DaoPlatform.Ethereum.Keystore;
using Microsoft.Extensions.Configuration;

namespace DaoPlatform.Services.Keys;

/// <summary>
/// Loads the key of every configured role from its keystore (section <c>Keys:&lt;Role&gt;</c>, a
/// <see cref="SigningKeyOptions"/>): e.g. <c>Keys:Evaluator:KeystorePath</c> and
/// <c>Keys:Evaluator:PasswordEnvironmentVariable</c>. Roles may name the same file, which is then decrypted once.
/// </summary>
public static class NodeKeyLoader
{
    /// <summary>
    /// The keys of <paramref name="roles"/>; <paramref name="variables"/> looks up password variables (the process's
    /// environment when null). The keystores are opened through <paramref name="opened"/> (a new one when null), which a
    /// caller passes on to what else it starts with the same files.
    /// </summary>
    /// <exception cref="SigningKeyException">A keystore or password is missing, unreadable, malformed or wrong.</exception>
    /// <exception cref="ArgumentException">A role's key section is incomplete.</exception>
    public static async Task<NodeKeys> LoadAsync(
        IConfiguration configuration, NodeRoles roles, Func<string, string?>? variables = null, OpenedKeystores? opened = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        opened ??= new OpenedKeystores();
        var keys = new NodeKeys();
        foreach (NodeRoles role in Enum.GetValues<NodeRoles>().Where(r => r != NodeRoles.None && roles.HasFlag(r) && NodeKeys.Signs(r)))
        {
            var options = new SigningKeyOptions();
            IConfigurationSection section = configuration.GetSection($"Keys:{role}");
            section.Bind(options);
            var validation = new SigningKeyOptionsValidator().Validate(section.Path, options);
            if (validation.Failed)
            {
                throw new ArgumentException(validation.FailureMessage);
            }
            keys.Set(role, await KeystoreKeyLoader.LoadAsync(options, variables, opened, cancellationToken).ConfigureAwait(false));
        }
        return keys;
    }
}
