namespace DaoPlatform.Assets.Store.Storage;

/// <summary>
/// Where encrypted assets are kept: named byte objects written once and read from any offset. The
/// store never sees a key or plaintext; integrity comes from the AES-GCM tags, not from the store.
/// </summary>
/// <remarks>
/// The default is <see cref="LocalFolderStore"/>. Once the protocol layer's content store exists, an
/// adapter over it (ciphertext objects added as content, names mapped to CIDs) plugs in here.
/// </remarks>
public interface ICiphertextStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>, replacing any object of that name only when complete.</summary>
    /// <exception cref="IOException">The object could not be written.</exception>
    Task WriteAsync(string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens <paramref name="name"/> for reading from byte <paramref name="offset"/>.</summary>
    /// <exception cref="FileNotFoundException">No object has this name.</exception>
    Task<Stream> OpenReadAsync(string name, long offset, CancellationToken cancellationToken);

    /// <summary>The length of <paramref name="name"/> in bytes, or null when there is no such object.</summary>
    Task<long?> LengthAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="name"/>; nothing happens when there is no such object.</summary>
    /// <exception cref="IOException">The object could not be removed.</exception>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
