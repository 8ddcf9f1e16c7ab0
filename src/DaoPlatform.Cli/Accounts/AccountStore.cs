using System.Security.Cryptography;
using System.Text.Json;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;

namespace DaoPlatform.Cli.Accounts;

/// <summary>A keystore in the data directory: its name (the file name) and address.</summary>
public sealed record StoredAccount(string Name, Address Address, string Path);

/// <summary>
/// Keystores (Web3 Secret Storage v3, the format geth and MetaMask export) in <c>&lt;data-dir&gt;/keystores/&lt;name&gt;.json</c>.
/// Keys are only ever written encrypted; they are decrypted in memory for one command.
/// </summary>
public sealed class AccountStore(string dataDir)
{
    private string Folder => Path.Combine(dataDir, "keystores");

    /// <summary>Every stored account, by name.</summary>
    public IReadOnlyList<StoredAccount> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(Read)];
    }

    /// <summary>Stores <paramref name="key"/> under <paramref name="name"/>, encrypted with <paramref name="password"/>.</summary>
    /// <param name="name">The account's name (letters, digits, '-', '_').</param>
    /// <param name="key">The key.</param>
    /// <param name="password">The password.</param>
    /// <param name="lightKdf">Use scrypt n = 2^12, p = 6 (geth's --lightkdf: fast, for test and demo accounts) instead of n = 2^18.</param>
    /// <exception cref="PlatformException">A bad name, an empty password, or the name or address already stored.</exception>
    public StoredAccount Add(string name, EthereumKey key, string password, bool lightKdf)
    {
        ArgumentNullException.ThrowIfNull(key);
        KeyDerivation kdf = lightKdf ? new ScryptKeyDerivation(RandomNumberGenerator.GetBytes(32), n: 1 << 12, r: 8, p: 6) : ScryptKeyDerivation.CreateStandard();
        return Write(name, key.Address, Web3SecretStorage.Encrypt(key, RequirePassword(password), kdf));
    }

    /// <summary>Stores an existing keystore file's JSON under <paramref name="name"/>, after checking that <paramref name="password"/> opens it.</summary>
    public StoredAccount Import(string name, string keystoreJson, string password)
    {
        EthereumKey key = Web3SecretStorage.Decrypt(keystoreJson, RequirePassword(password));
        return Write(name, key.Address, keystoreJson);
    }

    /// <summary>Decrypts the account named <paramref name="nameOrAddress"/> (its name or its address).</summary>
    /// <exception cref="PlatformException">No such account.</exception>
    /// <exception cref="KeystoreException">Wrong password or a damaged keystore.</exception>
    public EthereumKey Unlock(string nameOrAddress, string password)
    {
        StoredAccount account = Find(nameOrAddress);
        return Web3SecretStorage.Decrypt(File.ReadAllText(account.Path), password);
    }

    /// <summary>The account named <paramref name="nameOrAddress"/>.</summary>
    /// <exception cref="PlatformException">No such account.</exception>
    public StoredAccount Find(string nameOrAddress)
    {
        ArgumentNullException.ThrowIfNull(nameOrAddress);
        var accounts = List();
        StoredAccount? found = Address.TryParse(nameOrAddress, out Address address)
            ? accounts.FirstOrDefault(a => a.Address == address)
            : accounts.FirstOrDefault(a => a.Name == nameOrAddress);
        return found ?? throw PlatformException.NotFound($"no account '{nameOrAddress}' in {Folder} (see 'daoplatform account list')");
    }

    private StoredAccount Write(string name, Address address, string json)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw PlatformException.BadInput($"account name '{name}' may only hold letters, digits, '-' and '_'");
        }
        if (List().FirstOrDefault(a => a.Name == name || a.Address == address) is { } existing)
        {
            throw PlatformException.BadInput($"account '{existing.Name}' ({existing.Address}) is already stored");
        }
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, name + ".json");
        JsonFile.CheckNew(path, "keystore");
        // Created 0600 under a temporary name, then renamed without overwrite: never readable by others, never half
        // written, never over another keystore.
        string temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(json));
            stream.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
            throw;
        }
        return new StoredAccount(name, address, path);
    }

    private static StoredAccount Read(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return new StoredAccount(name, Address.Parse("0x" + doc.RootElement.GetProperty("address").GetString()!.Replace("0x", "", StringComparison.OrdinalIgnoreCase)), path);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw PlatformException.BadInput($"keystore {path} is damaged: {e.Message}", e);
        }
    }

    private static string RequirePassword(string password) =>
        string.IsNullOrEmpty(password) ? throw PlatformException.BadInput("the password is empty") : password;
}
