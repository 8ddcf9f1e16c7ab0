namespace DaoPlatform.Protocol.Content;

/// <summary>Opens the content store a configuration describes.</summary>
public static class ContentStores
{
    /// <summary>The store <paramref name="options"/> describe (already validated by <see cref="ContentStoreOptionsValidator"/>).</summary>
    public static IContentStore Create(ContentStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            ContentStoreKind.Gateway => new GatewayContentStore(options.GatewayUrl!, options.RequestTimeout, options.MaxContentBytes),
            ContentStoreKind.Kubo => new KuboContentStore(options.KuboUrl!, options.RequestTimeout, options.MaxContentBytes),
            _ => new LocalContentStore(options.LocalPath, options.MaxContentBytes),
        };
    }
}
