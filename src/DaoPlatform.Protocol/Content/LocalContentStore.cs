namespace DaoPlatform.Protocol.Content;

/// <summary>
/// A folder of blocks, one file per block named by its CID. Blocks are written to a temporary file and
/// renamed, leaves before the root, so a reader never sees a partial block and a root's presence means
/// its DAG is complete. Reads are verified like any other source: a corrupted file is an error.
/// </summary>
public sealed class LocalContentStore : BlockContentStore
{
    private readonly string _directory;

    /// <summary>Creates the store over <paramref name="directory"/>, creating it when missing.</summary>
    /// <param name="directory">The folder holding the blocks.</param>
    /// <param name="maxContentBytes">The largest content a get accepts.</param>
    public LocalContentStore(string directory, long maxContentBytes)
        : base(maxContentBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    /// <inheritdoc/>
    public override async Task<Cid> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        UnixFsDag dag = UnixFsImporter.Import(content);
        foreach (ContentBlock block in dag.Blocks)
        {
            string path = Locate(block.Cid);
            if (File.Exists(path))
            {
                continue;
            }
            string temporary = Path.Combine(_directory, $".{block.Cid}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
                {
                    await file.WriteAsync(block.Bytes, cancellationToken).ConfigureAwait(false);
                }
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new ContentStoreException($"Could not write block {block.Cid} to {path}: {error.Message}", error);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        return dag.Root;
    }

    /// <inheritdoc/>
    public override Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return Task.FromResult(File.Exists(Locate(cid)));
    }

    /// <summary>The file that holds <paramref name="cid"/>'s block.</summary>
    public override string Locate(Cid cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return Path.Combine(_directory, cid.ToString());
    }

    /// <inheritdoc/>
    protected override async Task<byte[]?> GetBlockAsync(Cid cid, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(Locate(cid), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ContentStoreException($"Could not read block {cid} from {Locate(cid)}: {error.Message}", error);
        }
    }
}
