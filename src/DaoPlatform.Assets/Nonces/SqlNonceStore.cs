using System.Data.Common;
using System.Security.Cryptography;

namespace DaoPlatform.Assets.Nonces;

/// <summary>
/// An <see cref="ISignInNonceStore"/> in one SQL table, <c>siwe_nonces(nonce, expires_at)</c>, through any
/// ADO.NET data source whose SQL accepts <c>@name</c> parameters and <c>IF NOT EXISTS</c>: SQLite
/// (Microsoft.Data.Sqlite) and PostgreSQL (Npgsql). Using a nonce is one <c>DELETE … WHERE nonce = @nonce AND
/// expires_at &gt; @now</c>, which the database makes atomic: of two concurrent sign-ins with the same nonce, one
/// deletes the row and the other finds none.
/// </summary>
public sealed class SqlNonceStore : ISignInNonceStore, IAsyncDisposable
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int NonceLength = 20;

    private readonly DbDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schema = new(1, 1);
    private bool _schemaReady;

    /// <summary>Uses <paramref name="dataSource"/> (owned: disposed with this store).</summary>
    public SqlNonceStore(DbDataSource dataSource, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<IssuedNonce> IssueAsync(TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        var issued = new IssuedNonce(RandomNumberGenerator.GetString(Alphabet, NonceLength), now + lifetime);
        await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Expired rows are swept as new ones arrive, so the table holds only live nonces.
        await ExecuteAsync(connection, "DELETE FROM siwe_nonces WHERE expires_at <= @now", cancellationToken, ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO siwe_nonces (nonce, expires_at) VALUES (@nonce, @expires)", cancellationToken,
            ("nonce", issued.Nonce), ("expires", issued.ExpiresAt.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return issued;
    }

    /// <inheritdoc />
    public async Task<bool> ConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        int deleted = await ExecuteAsync(connection, "DELETE FROM siwe_nonces WHERE nonce = @nonce AND expires_at > @now", cancellationToken,
            ("nonce", nonce), ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return deleted == 1;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _schemaReady))
        {
            return;
        }
        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS siwe_nonces (nonce VARCHAR(64) PRIMARY KEY, expires_at BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "CREATE INDEX IF NOT EXISTS siwe_nonces_expiry ON siwe_nonces (expires_at)", cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _schemaReady, true);
            }
        }
        finally
        {
            _schema.Release();
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
