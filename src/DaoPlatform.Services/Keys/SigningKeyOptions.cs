using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Keys;

/// <summary>
/// Where a signing key comes from (configuration section <c>Key</c>): a Web3 Secret Storage keystore
/// file, and the password from an environment variable or a file. The configuration holds only their
/// names; a password is never a configuration value or a command-line argument, where it would end up
/// in shell history, process listings and checked-in files.
/// </summary>
public sealed class SigningKeyOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Key";

    /// <summary>The keystore file (Web3 Secret Storage v3 JSON, as geth, MetaMask and <c>cast wallet</c> write it).</summary>
    public string? KeystorePath { get; set; }

    /// <summary>The name of the environment variable that holds the password, e.g. <c>DAO_KEYSTORE_PASSWORD</c>.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>A file whose content is the password (one trailing line break is ignored), e.g. a container secret.</summary>
    public string? PasswordFile { get; set; }
}

/// <summary>Checks <see cref="SigningKeyOptions"/>: a keystore path and exactly one password source.</summary>
public sealed class SigningKeyOptionsValidator : IValidateOptions<SigningKeyOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SigningKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string section = string.IsNullOrEmpty(name) ? SigningKeyOptions.Section : name;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.KeystorePath))
        {
            errors.Add($"{section}:KeystorePath is required: the Web3 Secret Storage file holding the signing key.");
        }
        bool fromVariable = !string.IsNullOrWhiteSpace(options.PasswordEnvironmentVariable);
        bool fromFile = !string.IsNullOrWhiteSpace(options.PasswordFile);
        if (fromVariable == fromFile)
        {
            errors.Add($"{section}: set exactly one of PasswordEnvironmentVariable (the variable's name) and PasswordFile; {(fromVariable ? "both are" : "neither is")} set.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
