namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// Where a signing key comes from: a Web3 Secret Storage keystore file, and the password from an environment variable
/// or a file. Configuration holds only their names; a password is never a configuration value or a command-line
/// argument, where it would end up in shell history, process listings and checked-in files. One type for every key the
/// platform keeps so: the node's role keys (<c>Keys:&lt;Role&gt;</c>), the content service's node and consumer keys
/// (<c>AssetContent:NodeKey</c>, <c>AssetContent:ConsumerKey</c>), the hub's (<c>Hub:Content</c>). Loaded by
/// <see cref="KeystoreKeyLoader"/>.
/// </summary>
public sealed class SigningKeyOptions
{
    /// <summary>The keystore file (Web3 Secret Storage v3 JSON, as geth, MetaMask and <c>cast wallet</c> write it).</summary>
    public string? KeystorePath { get; set; }

    /// <summary>The name of the environment variable that holds the password, e.g. <c>DAO_KEYSTORE_PASSWORD</c>.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>A file whose content is the password (one trailing line break is ignored: <see cref="PasswordFile"/>), e.g. a container secret.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>What is missing or contradictory, each naming the setting under <paramref name="section"/>; empty when complete.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (string.IsNullOrWhiteSpace(KeystorePath))
        {
            yield return $"{section}:KeystorePath is required: the Web3 Secret Storage file holding the signing key.";
        }
        bool fromVariable = !string.IsNullOrWhiteSpace(PasswordEnvironmentVariable);
        bool fromFile = !string.IsNullOrWhiteSpace(PasswordFile);
        if (fromVariable == fromFile)
        {
            yield return $"{section}: set exactly one of PasswordEnvironmentVariable (the variable's name) and PasswordFile; {(fromVariable ? "both are" : "neither is")} set.";
        }
    }
}
