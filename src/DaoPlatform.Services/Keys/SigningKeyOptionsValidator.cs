using DaoPlatform.Ethereum.Keystore;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Keys;

/// <summary>Checks <see cref="SigningKeyOptions"/> when the host starts: a keystore path and exactly one password source.</summary>
public sealed class SigningKeyOptionsValidator : IValidateOptions<SigningKeyOptions>
{
    /// <summary>The configuration section the node's own key binds to when no name is given.</summary>
    public const string DefaultSection = "Key";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SigningKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = [.. options.Problems(string.IsNullOrEmpty(name) ? DefaultSection : name)];
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
