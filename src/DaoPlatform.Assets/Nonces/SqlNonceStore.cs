using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Assets.Nonces;

/// <summary>
/// The sign-in state of the content service in SQL: nonces (<see cref="ISignInNonceStore"/>) in
/// <c>siwe_nonces(nonce, expires_at)</c> and sessions (<see cref="ISignInSessionStore"/>) beside them in
/// <c>siwe_sessions(token_hash, account, expires_at, scope, paid)</c>, through any
/// ADO.NET data source whose SQL accepts <c>@name</c> parameters and <c>IF NOT EXISTS</c>: SQLite
/// (Microsoft.Data.Sqlite) and PostgreSQL (Npgsql). Using a nonce is one <c>DELETE … WHERE nonce = @nonce AND
/// expires_at &gt; @now</c>, which the database makes atomic: of two concurrent sign-ins with the same nonce, one
/// deletes the row and the other finds none. Times are Unix milliseconds; asset ids in <c>scope</c> and <c>paid</c>
/// are decimal, comma-separated.
/// </summary>
public sealed class SqlNonceStore : ISignInNonceStore, ISignInSessionStore, IAsyncDisposable
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
    public async Task SaveAsync(string tokenHash, SignInSession session, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentNullException.ThrowIfNull(session);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "DELETE FROM siwe_sessions WHERE expires_at <= @now", cancellationToken, ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO siwe_sessions (token_hash, account, expires_at, scope, paid) VALUES (@hash, @account, @expires, @scope, @paid)", cancellationToken,
            ("hash", tokenHash), ("account", session.Account.ToChecksumString()), ("expires", session.ExpiresAt.ToUnixTimeMilliseconds()),
            ("scope", session.AssetScope is null ? DBNull.Value : JoinIds(session.AssetScope)), ("paid", JoinIds(session.PaidDownloads))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SignInSession?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using DbCommand command = Command(connection, "SELECT account, expires_at, scope, paid FROM siwe_sessions WHERE token_hash = @hash AND expires_at > @now",
            ("hash", tokenHash), ("now", now.ToUnixTimeMilliseconds()));
        await using DbDataReader row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new SignInSession(
            Address.Parse(row.GetString(0)),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)),
            row.IsDBNull(2) ? null : SplitIds(row.GetString(2)).ToHashSet(),
            SplitIds(row.GetString(3)));
    }

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, "DELETE FROM siwe_sessions WHERE token_hash = @hash", cancellationToken, ("hash", tokenHash)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task RecordPaidDownloadAsync(string tokenHash, BigInteger assetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using DbConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Appending in one statement keeps concurrent records of two assets from overwriting each other.
        await ExecuteAsync(connection, "UPDATE siwe_sessions SET paid = paid || @entry WHERE token_hash = @hash", cancellationToken,
            ("entry", "," + assetId.ToString(CultureInfo.InvariantCulture)), ("hash", tokenHash)).ConfigureAwait(false);
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
                await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS siwe_sessions (token_hash VARCHAR(64) PRIMARY KEY, account VARCHAR(42) NOT NULL, "
                    + "expires_at BIGINT NOT NULL, scope TEXT NULL, paid TEXT NOT NULL)", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "CREATE INDEX IF NOT EXISTS siwe_sessions_expiry ON siwe_sessions (expires_at)", cancellationToken).ConfigureAwait(false);
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
        await using DbCommand command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static string JoinIds(IEnumerable<BigInteger> ids) =>
        string.Concat(ids.Select(id => "," + id.ToString(CultureInfo.InvariantCulture)));

    private static IEnumerable<BigInteger> SplitIds(string ids) =>
        ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => BigInteger.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture));
}
